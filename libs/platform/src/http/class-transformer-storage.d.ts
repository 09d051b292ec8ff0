// class-transformer ships the types of its metadata storage apart from its CommonJS build, the one Nest
// and the decorators load (flat-requests.ts reads it).
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
