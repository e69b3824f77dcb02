/** REST paths as client-go builds them; the layout itself lives in src/sim/api (the apiserver's hooks use it too). */
export { resourcePath, type PathParts } from '../api/resource-path';
