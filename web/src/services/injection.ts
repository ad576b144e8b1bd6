import { inject, type InjectionKey } from 'vue';
import type { Services } from './ports';

export const servicesKey: InjectionKey<Services> = Symbol('services');

/** The services the app was given (Firebase in the app, fakes in tests); only stores call this. */
export function useServices(): Services {
  const services = inject(servicesKey);
  if (!services) throw new Error('No services provided: call app.provide(servicesKey, services)');
  return services;
}
