// The regulator console's strings, Chinese and English side by side; index.ts mounts them under the key "regulator".
// Every key in zh has its twin in en (test/i18n.test.ts).
export const regulatorZh = {};
export const regulatorEn: typeof regulatorZh = {};
