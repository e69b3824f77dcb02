/** `help`: what this shell understands. */
import { ok, type Command } from '../types';

export const help: Command = () =>
  ok(`Commands of the simulated cluster:
  kubectl ...        talk to the cluster: get, describe, apply, create, delete, edit,
                     patch, label, annotate, scale, run, replace, auth, api-resources,
                     events, config, explain, version, cluster-info
  etcdctl ...        talk to etcd: put, get, del, txn, watch, compaction, lease, endpoint status
  kubearch ...       drive the simulator: step, status, trace
  sleep DURATION     let simulated time pass (30s, 5m, 1m30s)
  echo, env          print words, or the environment a command was given
                     (etcdctl watch KEY -- env)
  help               this text

Here-documents work: kubectl apply -f - <<EOF ... EOF
`);
