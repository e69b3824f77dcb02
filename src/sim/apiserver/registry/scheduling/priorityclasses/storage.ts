/**
 * PriorityClasses (pkg/registry/scheduling/priorityclass/storage/storage.go): generic storage,
 * but the system classes the apiserver creates at start-up cannot be deleted.
 */
import { SYSTEM_PRIORITY_CLASSES } from '../../../../api/validation/scheduling';
import { newForbidden } from '../../../status';
import { genericStorage, type ResourceRegistration } from '../../rest-storage';

export const priorityclasses: ResourceRegistration = {
  resource: 'priorityclasses',
  storage: ({ registry }) => {
    const generic = genericStorage(registry);
    return {
      priorityclasses: {
        ...generic,
        delete: (ctx, request, respond) => {
          if (SYSTEM_PRIORITY_CLASSES.some((c) => c.name === ctx.info.name)) {
            const error = newForbidden({ group: 'scheduling.k8s.io', resource: 'priorityclasses' }, ctx.info.name, 'this is a system priority class and cannot be deleted');
            return respond.reply(error.code, error.status);
          }
          generic.delete?.(ctx, request, respond);
        },
      },
    };
  },
};
