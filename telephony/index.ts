// Public API of telephony/: everything other folders may import from here.
export {};
