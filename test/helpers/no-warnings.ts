// Imported by every test file: any Node.js warning (deprecation, experimental API, listener leak) fails the suite.
process.on('warning', (warning) => {
  throw warning;
});
