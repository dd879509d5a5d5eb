import type { CredentialView } from '../core/messages';
import { formatDate } from './format';
import { t } from './i18n';
import { levelName } from './names';

/** Product certification at a glance. Only a valid credential reads as "certified". */
export function CredentialBadge({ credential }: { credential: CredentialView | undefined }) {
  if (!credential) return <span class="badge badge-none">{t('credNone')}</span>;
  const valid = credential.state === 'valid';
  const level = credential.level ? ` · ${levelName(credential.level)}` : '';
  const until = credential.validUntil ? ` · ${t(valid ? 'credValidUntil' : 'credEnded', formatDate(credential.validUntil))}` : '';
  const legacy = credential.legacy ? ` · ${t('credLegacy')}` : '';
  return (
    <span class={`badge ${valid ? 'badge-ok' : 'badge-bad'}`} title={credential.reason} data-state={credential.state}>
      {t(`credState_${credential.state.replace(/-/g, '_')}`)}
      {level}
      {until}
      {legacy}
    </span>
  );
}
