// Public API of outbound/: everything other folders may import from here.
export {};
