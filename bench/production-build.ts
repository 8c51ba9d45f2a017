// Imported first by a benchmark that loads Lexical: Lexical picks its development or production build
// by NODE_ENV as it loads, and the app runs the production one.
process.env.NODE_ENV ??= 'production';
