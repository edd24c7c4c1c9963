/** S3's answer for an object that is not there: NoSuchKey from GetObject, NotFound from HeadObject. */
export function isMissingObject(error: unknown): boolean {
  return error instanceof Error && (error.name === "NoSuchKey" || error.name === "NotFound");
}
