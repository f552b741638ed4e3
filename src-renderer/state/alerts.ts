// Visible refusals: every rejected call ends up here and is shown in a role="alert" region.
import { create } from 'zustand';

export interface Alert {
  id: number;
  message: string;
}

interface AlertsStore {
  alerts: Alert[];
  push(message: string): void;
  dismiss(id: number): void;
}

let nextId = 1;
const MAX_ALERTS = 5;

export const useAlerts = create<AlertsStore>()((set) => ({
  alerts: [],
  push: (message) => set((s) => ({ alerts: [...s.alerts, { id: nextId++, message }].slice(-MAX_ALERTS) })),
  dismiss: (id) => set((s) => ({ alerts: s.alerts.filter((a) => a.id !== id) })),
}));

export const pushAlert = (message: string): void => useAlerts.getState().push(message);
