export {
  type CheckIdPlaces,
  compileCheckSpecs,
  type CompiledCheckSpecs,
  placesOfCodeChecks,
} from './compileCheckSpecs';
export { readDeclarativeChecks } from './readDeclarativeChecks';
