// The WAI-ARIA tabs pattern: one tab stop for the list, arrow keys move between tabs,
// Home/End jump, and each panel is labelled by its tab.
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export interface TabDef {
  id: string;
  label: ComponentChildren;
}

export function Tabs(props: { label: string; tabs: TabDef[]; selected: string; onSelect(id: string): void; children: ComponentChildren }) {
  const list = useRef<HTMLDivElement>(null);
  const index = Math.max(0, props.tabs.findIndex((tab) => tab.id === props.selected));

  function onKeyDown(event: KeyboardEvent) {
    const last = props.tabs.length - 1;
    const next = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    props.onSelect(props.tabs[next]!.id);
    list.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  }

  return (
    <div class="tabs">
      <div role="tablist" aria-label={props.label} ref={list} onKeyDown={onKeyDown}>
        {props.tabs.map((tab) => {
          const selected = tab.id === props.selected;
          return (
            <button
              type="button"
              role="tab"
              id={`tab-${tab.id}`}
              aria-selected={selected}
              aria-controls={`panel-${tab.id}`}
              tabIndex={selected ? 0 : -1}
              onClick={() => props.onSelect(tab.id)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`panel-${props.selected}`} aria-labelledby={`tab-${props.selected}`} tabIndex={0}>
        {props.children}
      </div>
    </div>
  );
}
