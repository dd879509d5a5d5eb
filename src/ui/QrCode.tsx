// The link as a QR code for slides and talks. uqr is loaded only when a code is asked for,
// so it stays out of the popup's first paint.
import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n';

type Matrix = boolean[][];

/** One SVG path of unit squares: crisp at any size, no inline markup from a library. */
export function qrPath(matrix: Matrix): string {
  let d = '';
  matrix.forEach((row, y) => row.forEach((dark, x) => {
    if (dark) d += `M${x} ${y}h1v1h-1z`;
  }));
  return d;
}

export function QrCode({ text, label }: { text: string; label: string }) {
  const [matrix, setMatrix] = useState<Matrix | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setMatrix(null);
    import('uqr')
      .then(({ encode }) => {
        if (live) setMatrix(encode(text, { ecc: 'M', border: 2 }).data);
      })
      .catch((error: unknown) => live && setFailed(String(error)));
    return () => {
      live = false;
    };
  }, [text]);

  if (failed) return <p class="muted">{t('qrFailed', failed)}</p>;
  if (!matrix) return <p class="muted">{t('loading')}</p>;
  const size = matrix.length;
  return (
    <svg class="qr" viewBox={`0 0 ${size} ${size}`} width="200" height="200" role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={qrPath(matrix)} fill="#000" />
    </svg>
  );
}
