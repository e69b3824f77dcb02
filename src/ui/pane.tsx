/**
 * A pane of the workspace: its title bar with the maximise/restore button, and its body. A
 * maximised pane fills the workspace; the others stay mounted (the shell keeps its session,
 * the editor its text) but hidden. Alt+M maximises the pane holding the focus (or restores
 * it); Escape restores, unless it is typed into the editor or the terminal.
 */
import { useEffect, type ReactNode } from 'react';
import { PANES, toggleMaximised, useViewStore, type PaneId } from './stores/view-store';

export function Pane({ id, title, className, children }: { id: PaneId; title?: ReactNode; className?: string; children: ReactNode }) {
  const maximised = useViewStore((s) => s.maximised === id);
  const name = PANES.find((p) => p.id === id)?.title ?? id;
  return (
    <section className={`pane pane-${id} ${className ?? ''} ${maximised ? 'maximised' : ''}`} aria-label={name} data-pane={id} data-testid={`pane-${id}`}>
      <div className="pane-head">
        {title ?? <h2 className="pane-title">{name}</h2>}
        <button
          type="button"
          className="pane-maximise"
          onClick={() => toggleMaximised(id)}
          aria-pressed={maximised}
          title={maximised ? 'Restore (Alt+M or Escape)' : 'Maximise (Alt+M)'}
          data-testid={`maximise-${id}`}
        >
          {maximised ? 'Restore' : 'Maximise'}
        </button>
      </div>
      {children}
    </section>
  );
}

/** Alt+M and Escape, for the whole page. Listens in the capture phase so the editor and the terminal do not swallow Alt+M. */
export function usePaneKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyM') {
        e.preventDefault();
        e.stopPropagation();
        const holder = document.activeElement instanceof Element ? document.activeElement.closest('[data-pane]') : null;
        const pane = (holder?.getAttribute('data-pane') as PaneId | null) ?? useViewStore.getState().maximised ?? 'graph';
        toggleMaximised(pane);
        return;
      }
      if (e.key === 'Escape' && useViewStore.getState().maximised && !insideTextTarget(e.target)) {
        useViewStore.setState({ maximised: undefined });
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}

function insideTextTarget(target: EventTarget | null): boolean {
  return target instanceof Element && (target.closest('.monaco-editor, .xterm, input, textarea') !== null);
}
