import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { useLocalText } from '../lib/localText';

/** A product's title from its sheet (cached), where an answer only names the product id. */
export function ProductTitle({ id }: { id: string }) {
  const sheet = useQuery({
    queryKey: ['product-title', id],
    queryFn: () => call(api.GET('/api/products/{id}', { params: { path: { id } } })),
    staleTime: 300_000,
  });
  const local = useLocalText();
  return <>{sheet.data ? local(sheet.data.title, sheet.data.titleEn) : id}</>;
}
