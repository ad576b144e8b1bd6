/** `latlng.value()` and the methods of latlng values. */
import { fail } from '../errors.js';
import { RLatLng } from '../values.js';
import { arity, numberArg, type Fn, type Method } from './args.js';

const EARTH_RADIUS_M = 6_371_000;

export const latlngFunctions: Record<string, Fn> = {
  value: (a) => {
    arity('latlng.value', a, 2);
    const lat = numberArg('latlng.value', a, 0);
    const lng = numberArg('latlng.value', a, 1);
    if (!(lat >= -90 && lat <= 90) || !(lng >= -180 && lng <= 180))
      fail('Invalid latlng: latitude must be in [-90, 90] and longitude in [-180, 180].');
    return new RLatLng(lat, lng);
  },
};

function toRad(deg: number): number {
  return (deg * Math.PI) / 180;
}

export const latlngMethods: Record<string, Method<RLatLng>> = {
  latitude: (p, a) => (arity('latitude', a, 0), p.latitude),
  longitude: (p, a) => (arity('longitude', a, 0), p.longitude),
  /** Great-circle (haversine) distance in metres. */
  distance: (p, a) => {
    arity('distance', a, 1);
    const q = a[0];
    if (!(q instanceof RLatLng))
      return fail(
        'Invalid argument provided to call. Function: [distance], Argument must be a latlng.',
      );
    const dLat = toRad(q.latitude - p.latitude);
    const dLng = toRad(q.longitude - p.longitude);
    const h =
      Math.sin(dLat / 2) ** 2 +
      Math.cos(toRad(p.latitude)) * Math.cos(toRad(q.latitude)) * Math.sin(dLng / 2) ** 2;
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
  },
};
