// The people register as this user may read it, by id: a person campaign's pages show each
// competitor's unit and post beside the name. Not readable (or not loaded yet): an empty map, and
// the pages show the name alone.
import { useMemo } from 'react';
import { listPersons, type Person } from '../api/people.ts';
import { useAsync } from './useAsync.ts';

export function usePersons(enabled = true): Map<number, Person> {
  const persons = useAsync(() => (enabled ? listPersons().catch(() => ({ persons: [] as Person[] })) : Promise.resolve({ persons: [] as Person[] })), [enabled]);
  return useMemo(() => new Map((persons.data?.persons ?? []).map((p) => [p.id, p])), [persons.data]);
}
