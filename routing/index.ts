// Public API of routing/: everything other folders may import from here.
export {};
