// Places of use and buyer locations offered in the order wizard (ISO 3166 codes as the API takes them).
// Hong Kong, Macao and Taiwan count as abroad under the data-export rules, as the service decides.
export const REGIONS = ['CN-BJ', 'CN-SH', 'CN-GD', 'CN-ZJ', 'CN-JS', 'CN-SC', 'CN-HB', 'CN-HK', 'SG', 'DE', 'US'] as const;

export function isMainland(code: string): boolean {
  return (code === 'CN' || code.startsWith('CN-')) && !['CN-HK', 'CN-MO', 'CN-TW'].includes(code);
}
