// The api.authorizer section, built from the authorizer's settings codec (functions/authorizer/settings.ts): each
// configured setting's range, default and description are written there once. A revoked certificate is refused
// at the latest resultCacheTtlSeconds + crlRefreshSeconds after the CA publishes the CRL that lists it.
import { z } from "zod";
import { AUTHORIZER_SETTINGS, type ConfiguredSettings, type SecondsSetting } from "../../functions/authorizer/settings";

const seconds = (setting: SecondsSetting) =>
  z
    .number()
    .int({ message: "must be a whole number of seconds" })
    .min(setting.min, { message: `must be at least ${setting.min} seconds` })
    .max(setting.max, { message: `must be at most ${setting.max} seconds (${setting.limit})` })
    .default(setting.default)
    .describe(setting.description);

type ConfiguredField = keyof ConfiguredSettings;

const configured = Object.fromEntries(
  Object.entries(AUTHORIZER_SETTINGS).flatMap(([field, setting]) =>
    setting.origin === "config" ? [[field, seconds(setting as SecondsSetting)]] : [],
  ),
) as Record<ConfiguredField, ReturnType<typeof seconds>>;

export const authorizerSchema = z.strictObject(configured).prefault({});
