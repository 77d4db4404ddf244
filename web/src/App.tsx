import { Card, Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import type { User } from './api/types.ts';
import { useAuth } from './auth/AuthProvider.tsx';
import { ChangePasswordForm } from './auth/ChangePasswordForm.tsx';
import LoginPage from './auth/LoginPage.tsx';
import { allowed } from './auth/permissions.ts';
import AppLayout from './layout/AppLayout.tsx';

// One chunk per page, so the first load carries only the shell and the login page.
const Dashboard = lazy(() => import('./pages/dashboard/DashboardPage.tsx'));
const Ledger = lazy(() => import('./pages/ledger/LedgerPage.tsx'));
const Cases = lazy(() => import('./pages/cases/CasesPage.tsx'));
const Report = lazy(() => import('./pages/report/ReportPage.tsx'));
const TownshipReport = lazy(() => import('./pages/report/TownshipReportPage.tsx'));
const CountyCycle = lazy(() => import('./pages/cycle/CountyCyclePage.tsx'));
const Review = lazy(() => import('./pages/review/ReviewPage.tsx'));
const Orgs = lazy(() => import('./pages/admin/OrgsPage.tsx'));
const Users = lazy(() => import('./pages/admin/UsersPage.tsx'));
const Audit = lazy(() => import('./pages/admin/AuditPage.tsx'));
const Calendar = lazy(() => import('./pages/admin/CalendarPage.tsx'));
const DisputeReport = lazy(() => import('./pages/mobile/DisputeReportPage.tsx'));
const Todo = lazy(() => import('./pages/todo/TodoPage.tsx'));
const Messages = lazy(() => import('./pages/messages/MessagesPage.tsx'));
const Webhooks = lazy(() => import('./pages/messages/WebhooksPage.tsx'));
const MyReports = lazy(() => import('./pages/mobile/MyReportsPage.tsx'));
const Consultations = lazy(() => import('./pages/consultations/ConsultationsPage.tsx'));
const FeedbackRules = lazy(() => import('./pages/feedback/FeedbackRulesPage.tsx'));
// 学法考法
const Questions = lazy(() => import('./pages/study/QuestionsPage.tsx'));
const MyExams = lazy(() => import('./pages/exams/MyExams.tsx'));
const SitExam = lazy(() => import('./pages/exams/SitExam.tsx'));
const Exams = lazy(() => import('./pages/exams/ExamsPage.tsx'));
const StudyPlan = lazy(() => import('./pages/study/StudyPlanPage.tsx'));

const mobile = (page: ReactNode) => <Suspense fallback={<Spin className="page-spin" />}>{page}</Suspense>;

/** Where a role starts. */
function home(u: User): string {
  if (u.role === 'grid_member') return '/m/dispute';
  if (allowed(u, 'indicators.read')) return '/dashboard';
  if (allowed(u, 'records.read')) return '/ledger';
  if (allowed(u, 'audit.read')) return '/admin/audit';
  if (allowed(u, 'users.read')) return '/admin/users';
  return '/admin/orgs';
}

export function App() {
  const { user, refresh } = useAuth();
  if (user === undefined) return <Spin className="page-spin" size="large" />;
  if (user === null) return <LoginPage />;
  if (user.mustChangePassword)
    return (
      <div className="login-page">
        <Card title="首次登录，请修改初始密码" style={{ width: 400, maxWidth: '100%' }}>
          <ChangePasswordForm reset={user.passwordReset} onDone={() => void refresh()} />
        </Card>
      </div>
    );
  return (
    <Routes>
      <Route
        path="/m/dispute"
        element={
          <Suspense fallback={<Spin className="page-spin" />}>
            <DisputeReport />
          </Suspense>
        }
      />
      {user.role === 'grid_member' && (
        <>
          <Route path="/m/mine" element={mobile(<MyReports />)} />
          <Route path="/m/mine/:id" element={mobile(<MyReports />)} />
        </>
      )}
      {/* A paper is sat full-screen, on a phone or a computer, without the menu. */}
      {allowed(user, 'exams.sit') && (
        <>
          <Route path="/exams/:id/sit" element={mobile(<SitExam />)} />
          <Route path="/exams/:id/result" element={mobile(<SitExam />)} />
        </>
      )}
      {user.role === 'grid_member' && <Route path="/exams/mine" element={mobile(<MyExams />)} />}
      {/* A grid member works on the phone pages only: no township boards, no administration. */}
      {user.role !== 'grid_member' && (
        <Route element={<AppLayout />}>
          <Route path="/dashboard" element={<Dashboard />} />
          <Route path="/ledger" element={<Ledger />} />
          <Route path="/ledger/:kind" element={<Ledger />} />
          <Route path="/cases" element={<Cases />} />
          <Route path="/report" element={<Report />} />
          <Route path="/report/cycle" element={<TownshipReport />} />
          <Route path="/cycle" element={<CountyCycle />} />
          <Route path="/review" element={<Review />} />
          <Route path="/admin/orgs" element={<Orgs />} />
          <Route path="/admin/users" element={<Users />} />
          <Route path="/admin/audit" element={<Audit />} />
          <Route path="/admin/calendar" element={<Calendar />} />
          <Route path="/admin/webhooks" element={<Webhooks />} />
          <Route path="/admin/feedback-rules" element={<FeedbackRules />} />
          <Route path="/todo" element={<Todo />} />
          <Route path="/messages" element={<Messages />} />
          <Route path="/consultations/:id?" element={<Consultations />} />
          <Route path="/study/questions" element={<Questions />} />
          {allowed(user, 'exams.sit') && <Route path="/exams/mine" element={<MyExams />} />}
          {allowed(user, 'exams.manage') && <Route path="/study/exams" element={<Exams />} />}
          <Route path="/study/plan" element={<StudyPlan />} />
        </Route>
      )}
      <Route path="*" element={<Navigate to={home(user)} replace />} />
    </Routes>
  );
}
