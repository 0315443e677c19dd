// ari-client 2.2.0 ships no types; telephony/ari/client-view.ts gives it a typed shape.
declare module 'ari-client' {
  const ari: { connect(url: string, user: string, pass: string): Promise<unknown> };
  export default ari;
}
