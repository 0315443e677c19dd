// Public API of crm-core/: everything other folders may import from here.
export {};
