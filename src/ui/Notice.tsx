import type { ComponentChildren } from 'preact';

export type NoticeKind = 'error' | 'warning' | 'info' | 'success';

/** A message box. Errors are announced at once (role=alert); the rest politely (role=status). */
export function Notice({ kind, children, title }: { kind: NoticeKind; title?: string; children?: ComponentChildren }) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {title && <strong class="notice-title">{title}</strong>}
      {children}
    </div>
  );
}
