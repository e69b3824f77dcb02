/**
 * The page's view controls, in the controls bar: A− / A+ scale every text of the page (the
 * graph always fits its pane, so it grows by getting more room: maximise it), and presenter
 * mode shows big type, the graph and one chosen pane.
 */
import { PANES, setPresenter, stepFontScale, useViewStore, type ViewState } from './stores/view-store';

export function ViewControls() {
  const fontScale = useViewStore((s) => s.fontScale);
  const presenter = useViewStore((s) => s.presenter);
  const presenterPane = useViewStore((s) => s.presenterPane);
  return (
    <div className="control-group view-controls" aria-label="View">
      <button type="button" onClick={() => useViewStore.setState({ fontScale: stepFontScale(fontScale, -1) })} aria-label="Smaller text" title="Smaller text" data-testid="font-smaller">
        A−
      </button>
      <span className="font-scale" data-testid="font-scale">{Math.round(fontScale * 100)}%</span>
      <button type="button" onClick={() => useViewStore.setState({ fontScale: stepFontScale(fontScale, 1) })} aria-label="Larger text" title="Larger text" data-testid="font-larger">
        A+
      </button>
      <button type="button" onClick={() => setPresenter(!presenter)} aria-pressed={presenter} data-testid="presenter">
        {presenter ? 'Leave presenter mode' : 'Presenter mode'}
      </button>
      {presenter && (
        <label>
          with
          <select
            value={presenterPane}
            onChange={(e) => useViewStore.setState({ presenterPane: e.target.value as ViewState['presenterPane'] })}
            data-testid="presenter-pane"
          >
            {PANES.filter((p) => p.id !== 'graph').map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
