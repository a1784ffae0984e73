// The merchant console's strings, Chinese and English side by side; index.ts mounts them under the key "merchant".
// Every key in zh has its twin in en (test/i18n.test.ts).
export const merchantZh = {};
export const merchantEn: typeof merchantZh = {};
