export * from './locales';
export * from './locale';
export * from './translate';
export { loadCatalog } from './load-catalog';
