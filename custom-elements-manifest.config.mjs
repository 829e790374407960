export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.stories.ts', 'src/**/*.samples.ts', 'src/elements/shared/**'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
