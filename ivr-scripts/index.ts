// Public API of ivr-scripts/: everything other folders may import from here.
export {};
