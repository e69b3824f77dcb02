/**
 * Which tab the activity pane shows. A store of its own so that other parts of the page can open
 * a tab (the kube-proxy section of the component panel opens the iptables tab).
 */
import { create } from 'zustand';

export const useActivityTab = create<{ tab: string }>(() => ({ tab: 'watch' }));
