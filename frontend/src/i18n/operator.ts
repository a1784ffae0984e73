// The operator console's strings, Chinese and English side by side; index.ts mounts them under the key "operator".
// Every key in zh has its twin in en (test/i18n.test.ts).
export const operatorZh = {};
export const operatorEn: typeof operatorZh = {};
