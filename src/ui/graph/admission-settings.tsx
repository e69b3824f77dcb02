/**
 * kube-apiserver's admission plugins, each with a switch (`--enable-admission-plugins` /
 * `--disable-admission-plugins`), in its side panel. A switch performs the registry's
 * `admission-plugin` action through the worker, as `kubearch` in the shell would.
 */
import { useEffect, useState } from 'react';
import type { AdmissionPluginView } from '../../worker/protocol';
import { useSimulationStore } from '../stores/simulation-store';
import { perform, view } from '../simulation-client';

export function AdmissionSettings() {
  const [plugins, setPlugins] = useState<AdmissionPluginView[]>([]);
  const [error, setError] = useState<string | undefined>();
  const seed = useSimulationStore((s) => s.clock?.seed);
  useEffect(() => {
    void view('admission-plugins', undefined).then(setPlugins);
  }, [seed]);
  const toggle = async (name: string, enabled: boolean) => {
    const result = await perform({ name: 'admission-plugin', plugin: name, enabled });
    setError(result.ok ? undefined : result.output);
    setPlugins(await view('admission-plugins', undefined));
  };
  return (
    <div className="admission-settings" data-testid="admission-plugins">
      <h4>
        Admission plugins ({plugins.filter((p) => p.enabled).length}/{plugins.length} on)
      </h4>
      {plugins.length === 0 && <p className="hint">No admission plugins are configured in this cluster.</p>}
      {plugins.map((p) => (
        <label key={p.name} className="setting-row">
          <input type="checkbox" checked={p.enabled} onChange={(e) => void toggle(p.name, e.target.checked)} /> {p.name}{' '}
          <small>{[p.mutating && 'mutating', p.validating && 'validating'].filter(Boolean).join(', ')}</small>
        </label>
      ))}
      {error && (
        <p className="field-error-inline" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
