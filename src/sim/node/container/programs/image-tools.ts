/**
 * Which network clients an image ships, so that `kubectl exec` finds them where the real image
 * has them: busybox and alpine have busybox's wget and nslookup but no curl (`sh: curl: not
 * found`); nginx (Debian) has curl; agnhost, curlimages/curl and radial/busyboxplus:curl have
 * curl and busybox's tools. Any other image has none of them.
 */
import { curl } from './curl';
import type { ExternalProgram, NetAccess, NetworkProgram } from './net-access';
import { legacyNslookup, nslookup } from './nslookup';
import { wget } from './wget';

const BUSYBOX_TOOLS: Readonly<Record<string, NetworkProgram>> = { wget, nslookup };
const CURL_ONLY: Readonly<Record<string, NetworkProgram>> = { curl };
const CURL_AND_BUSYBOX: Readonly<Record<string, NetworkProgram>> = { curl, wget, nslookup };
/** radial/busyboxplus:curl: curl on a 2014 busybox, whose nslookup prints the older way. */
const BUSYBOXPLUS: Readonly<Record<string, NetworkProgram>> = { curl, wget, nslookup: legacyNslookup };

/** The image's last path element (docker.io/library/nginx -> nginx), as the container model names images. */
const TOOLS_BY_IMAGE: Readonly<Record<string, Readonly<Record<string, NetworkProgram>>>> = {
  busybox: BUSYBOX_TOOLS,
  alpine: BUSYBOX_TOOLS,
  nginx: CURL_ONLY,
  agnhost: CURL_AND_BUSYBOX,
  curl: CURL_AND_BUSYBOX,
  busyboxplus: BUSYBOXPLUS,
};

/** The network programs of an image (by repository), bound to the container's network namespace. */
export function imageNetworkPrograms(repository: string, net: NetAccess): ExternalProgram {
  const tools = TOOLS_BY_IMAGE[repository.slice(repository.lastIndexOf('/') + 1)] ?? {};
  return (name, args, io) => {
    const program = Object.hasOwn(tools, name) ? tools[name] : undefined;
    return program?.(args, io, net);
  };
}
