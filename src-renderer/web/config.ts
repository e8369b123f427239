/**
 * The web edition's configuration: one place, read by app/transport.ts when it starts the desk worker.
 */
export const webEdition = {
  /**
   * Seed the demo county (offices, and a user for each role with password `demo1234`) into an empty database on
   * first start. The web edition has no county server to pull its offices and users from yet (a later issue), so
   * without this nobody could log in. Turn it off when the web edition syncs with a county server: a real desk
   * must never hold demo accounts. A database that already has offices is never seeded again.
   */
  seedDemoCounty: true,
} as const;
