// The regulator's console (监管部门): what the regulator API reads from the ledger with the regulator's own identity,
// and the books only where they are compared with it (reconciliation) or are the only record (orders awaiting approval).
import { Route, Routes } from 'react-router';
import { AlertOutlined, AuditOutlined, BarChartOutlined, BlockOutlined, CheckSquareOutlined, FlagOutlined, ReconciliationOutlined, SafetyCertificateOutlined, SwapOutlined, TableOutlined } from '@ant-design/icons';
import { ConsoleShell, type ConsoleSection } from '../../layout/ConsoleShell';
import { mountDictionary } from '../../i18n';
import { regulatorEn, regulatorZh } from '../../i18n/regulator';
import { auditEn, auditZh } from '../../i18n/audit';
import { supervisionEn, supervisionZh } from '../../i18n/supervision';
import Statistics from './Statistics';
import Trades from './Trades';
import Blocks, { BlockDetail, TransactionDetail } from './Blocks';
import Reconciliation from './Reconciliation';
import Approvals from './Approvals';
import Flags from './Flags';
import Audit from './Audit';
import Conduct from './Conduct';
import RegulatorDeals from '../offvenue/RegulatorDeals';
import RegulatorSupervision from '../supervision/RegulatorSupervision';
import NotFound from '../NotFound';

// This console's words come with its own chunk, not with the store's first route.
mountDictionary('regulator', regulatorZh, regulatorEn);
mountDictionary('audit', auditZh, auditEn);
mountDictionary('supervision', supervisionZh, supervisionEn);

const SECTIONS: ConsoleSection[] = [
  { path: '', labelKey: 'regulator.menu.statistics', icon: <BarChartOutlined /> },
  { path: 'trades', labelKey: 'regulator.menu.trades', icon: <TableOutlined /> },
  { path: 'blocks', labelKey: 'regulator.menu.blocks', icon: <BlockOutlined /> },
  { path: 'reconciliation', labelKey: 'regulator.menu.reconciliation', icon: <ReconciliationOutlined /> },
  { path: 'approvals', labelKey: 'regulator.menu.approvals', icon: <CheckSquareOutlined /> },
  { path: 'flags', labelKey: 'regulator.menu.flags', icon: <FlagOutlined /> },
  { path: 'conduct', labelKey: 'regulator.menu.conduct', icon: <AlertOutlined /> },
  { path: 'off-venue', labelKey: 'nav.offVenue', icon: <SwapOutlined /> },
  { path: 'audit', labelKey: 'regulator.menu.audit', icon: <AuditOutlined /> },
  { path: 'supervision', labelKey: 'supervision.nav.regulator', icon: <SafetyCertificateOutlined /> },
];

export default function RegulatorConsole() {
  return (
    <ConsoleShell titleKey="regulator.title" base="/regulator" sections={SECTIONS}>
      <Routes>
        <Route index element={<Statistics />} />
        <Route path="trades" element={<Trades />} />
        <Route path="blocks" element={<Blocks />} />
        <Route path="blocks/:number" element={<BlockDetail />} />
        <Route path="blocks/tx/:txId" element={<TransactionDetail />} />
        <Route path="reconciliation" element={<Reconciliation />} />
        <Route path="approvals" element={<Approvals />} />
        <Route path="flags" element={<Flags />} />
        <Route path="conduct" element={<Conduct />} />
        <Route path="off-venue" element={<RegulatorDeals />} />
        <Route path="audit" element={<Audit />} />
        <Route path="supervision" element={<RegulatorSupervision />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </ConsoleShell>
  );
}
