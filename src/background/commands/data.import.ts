// Reads an export file back: checked whole before anything is written; it only adds.
import * as v from 'valibot';
import { importData } from '../transfer';
import { command } from './command';

export const MAX_IMPORT_CHARS = 50_000_000;

export default command({
  name: 'data.import',
  callers: ['options'],
  payload: v.strictObject({ json: v.pipe(v.string('the import must be the text of an export file'), v.maxLength(MAX_IMPORT_CHARS, 'the import file is too large')) }),
  async handle({ json }, _ctx, s) {
    const report = await importData(await s.db.get(), json);
    s.kick();
    s.refreshBadge();
    return report;
  },
});
