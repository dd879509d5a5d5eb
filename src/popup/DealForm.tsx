// Register a deal: a customer the practitioner is working with, so a long B2B sale is
// attributed by domain instead of a cookie. Checked here for quick feedback; the worker
// validates again and its message is shown as is.
import { useState } from 'preact/hooks';
import { MAX_SEATS } from '../core/referral/deal';
import { normaliseDomain } from '../core/schema/domain';
import { LIMITS } from '../core/schema/limits';
import { useEnv } from '../ui/env';
import { t } from '../ui/i18n';
import { Notice } from '../ui/Notice';

interface Props {
  vendorId: string;
  vendorName: string;
  productId: string;
  productName: string;
}

type Field = 'customerName' | 'customerDomain' | 'expectedSeats';
type Errors = Partial<Record<Field, string>>;

export function checkDeal(input: { customerName: string; customerDomain: string; expectedSeats: string }): Errors {
  const errors: Errors = {};
  if (!input.customerName.trim()) errors.customerName = t('dealNameMissing');
  if (normaliseDomain(input.customerDomain) === null) errors.customerDomain = t('dealDomainInvalid');
  const seats = input.expectedSeats.trim();
  if (seats && !(/^\d+$/.test(seats) && Number(seats) >= 1 && Number(seats) <= MAX_SEATS)) errors.expectedSeats = t('dealSeatsInvalid');
  return errors;
}

export function DealForm(props: Props) {
  const env = useEnv();
  const [values, setValues] = useState({ customerName: '', customerDomain: '', expectedSeats: '', note: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (field: keyof typeof values) => (e: Event) => setValues({ ...values, [field]: (e.currentTarget as HTMLInputElement).value });

  async function submit(event: Event) {
    event.preventDefault();
    const found = checkDeal(values);
    setErrors(found);
    setOutcome(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const answer = await env.send('deals.register', {
      vendorId: props.vendorId,
      productId: props.productId,
      customerName: values.customerName.trim(),
      customerDomain: normaliseDomain(values.customerDomain)!, // checkDeal refused null
      ...(values.expectedSeats.trim() ? { expectedSeats: Number(values.expectedSeats.trim()) } : {}),
      ...(values.note.trim() ? { note: values.note.trim() } : {}),
    });
    setBusy(false);
    if (answer.ok) {
      setOutcome({ ok: true, message: t('dealRegistered', answer.value.customerName, props.vendorName) });
      setValues({ customerName: '', customerDomain: '', expectedSeats: '', note: '' });
    } else {
      setOutcome({ ok: false, message: answer.error.message });
    }
  }

  const field = (id: Field, label: string, extra: Record<string, unknown> = {}) => (
    <>
      <label for={`deal-${id}`}>{label}</label>
      <input
        id={`deal-${id}`}
        type="text"
        value={values[id]}
        onInput={set(id)}
        aria-invalid={errors[id] ? true : undefined}
        aria-describedby={errors[id] ? `deal-${id}-error` : undefined}
        {...extra}
      />
      {errors[id] && (
        <p id={`deal-${id}-error`} class="field-error">
          {errors[id]}
        </p>
      )}
    </>
  );

  return (
    <details class="deal">
      <summary>{t('dealTitle', props.productName, props.vendorName)}</summary>
      <form class="stack" onSubmit={submit} noValidate>
        {field('customerName', t('dealName'), { maxLength: LIMITS.customerName, autoComplete: 'organization' })}
        {field('customerDomain', t('dealDomain'), { placeholder: 'example.com', inputMode: 'url' })}
        {field('expectedSeats', t('dealSeats'), { inputMode: 'numeric' })}
        <label for="deal-note">{t('dealNote')}</label>
        <textarea id="deal-note" rows={2} maxLength={LIMITS.note} value={values.note} onInput={set('note')} />
        <button type="submit" disabled={busy}>
          {t('dealSubmit')}
        </button>
        {Object.keys(errors).length > 0 && <Notice kind="error">{t('dealFixFields')}</Notice>}
        {outcome && <Notice kind={outcome.ok ? 'success' : 'error'}>{outcome.message}</Notice>}
      </form>
    </details>
  );
}
