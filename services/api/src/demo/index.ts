export { loadDemoCity, type DemoLoadOptions, type DemoLoadResult } from './load.js';
export { demoCity, scaled, type DistrictFigures } from './figures.js';
