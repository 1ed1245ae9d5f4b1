// start-floor.mjs has no exports: it runs when imported.
export {}
