/** The one Store of the app: the database's transactions, the core's repositories and every feature's. */
import { coreRepositories, StoreBase, type Repositories, type Store } from '../core/store';
import type { Db } from '../store/database';
import type { PostgresSyncDatabase } from '../store/sql/postgres-sync';
import { registerAppFeatures } from './features';

export function createStore(db: Db | PostgresSyncDatabase): Store {
  const features = registerAppFeatures();
  const repositories = Object.assign({}, coreRepositories(db), ...features.map((f) => f.repositories?.(db) ?? {})) as Repositories;
  return Object.assign(new StoreBase(db), repositories);
}
