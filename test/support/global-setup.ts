/** Placeholder replaced by the database provisioning setup. */
export default function setup(): void {}
