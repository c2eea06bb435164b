import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { Layout } from './layout.js';
import { RouteError } from './routes/route-error.js';
import Home from './routes/home.js';

// One chunk per feature: the first page carries only the frame, the home page and "Get help now".
const SignUp = lazy(() => import('./routes/sign-up.js'));
const SignIn = lazy(() => import('./routes/sign-in.js'));
const AccountDeleted = lazy(() => import('./routes/account-deleted.js'));
const Profile = lazy(() => import('./routes/profile.js'));
const Privacy = lazy(() => import('./routes/privacy.js'));
const Help = lazy(() => import('./routes/help.js'));
const Supervision = lazy(() => import('./routes/supervision.js'));
const AdminUsers = lazy(() => import('./routes/admin-users.js'));
const Community = lazy(() => import('./routes/community.js'));
const CommunitySpace = lazy(() => import('./routes/community-space.js'));
const CommunityNew = lazy(() => import('./routes/community-new.js'));
const CommunityThread = lazy(() => import('./routes/community-thread.js'));
const CommunitySearch = lazy(() => import('./routes/community-search.js'));
const CommunityPreferences = lazy(() => import('./routes/community-preferences.js'));
const CommunityReports = lazy(() => import('./routes/community-reports.js'));
const Notifications = lazy(() => import('./routes/notifications.js'));
const Moderation = lazy(() => import('./routes/moderation.js'));
const Support = lazy(() => import('./routes/support.js'));
const SupportProfile = lazy(() => import('./routes/support-profile.js'));
const SupportOffers = lazy(() => import('./routes/support-offers.js'));
const SupportConversation = lazy(() => import('./routes/support-conversation.js'));
const SupervisionMentoring = lazy(() => import('./routes/supervision-mentoring.js'));
const SupervisionDashboard = lazy(() => import('./routes/supervision-dashboard.js'));
const SupervisionSupporter = lazy(() => import('./routes/supervision-supporter.js'));
const SupervisionRequest = lazy(() => import('./routes/supervision-request.js'));
const AdminSupervision = lazy(() => import('./routes/admin-supervision.js'));
const MySupervision = lazy(() => import('./routes/my-supervision.js'));
const Groups = lazy(() => import('./routes/groups.js'));
const GroupsAdmin = lazy(() => import('./routes/groups-admin.js'));
const GroupsProgram = lazy(() => import('./routes/groups-program.js'));
const Group = lazy(() => import('./routes/group.js'));
const GroupDashboard = lazy(() => import('./routes/group-dashboard.js'));
const Circles = lazy(() => import('./routes/circles.js'));
const Circle = lazy(() => import('./routes/circle.js'));
const CircleJoin = lazy(() => import('./routes/circle-join.js'));
const Library = lazy(() => import('./routes/library.js'));
const LibraryStrategy = lazy(() => import('./routes/library-strategy.js'));
const LibraryNew = lazy(() => import('./routes/library-new.js'));
const LibraryDirectory = lazy(() => import('./routes/library-directory.js'));
const Recovery = lazy(() => import('./routes/recovery.js'));
const RecoveryCheckin = lazy(() => import('./routes/recovery-checkin.js'));
const RecoveryJournal = lazy(() => import('./routes/recovery-journal.js'));
const RecoverySummary = lazy(() => import('./routes/recovery-summary.js'));
const Training = lazy(() => import('./routes/training.js'));
const TrainingModule = lazy(() => import('./routes/training-module.js'));
const SupervisionSignOff = lazy(() => import('./routes/supervision-sign-off.js'));
const NotFound = lazy(() => import('./routes/not-found.js'));

export const router = createBrowserRouter([
  {
    path: '/',
    Component: Layout,
    ErrorBoundary: RouteError,
    children: [
      { index: true, Component: Home },
      { path: 'sign-up', Component: SignUp },
      { path: 'sign-in', Component: SignIn },
      { path: 'account-deleted', Component: AccountDeleted },
      { path: 'profile', Component: Profile },
      { path: 'privacy', Component: Privacy },
      { path: 'help', Component: Help },
      { path: 'supervision/alerts', Component: Supervision },
      { path: 'admin/users', Component: AdminUsers },
      { path: 'community', Component: Community },
      { path: 'community/spaces/:id', Component: CommunitySpace },
      { path: 'community/new', Component: CommunityNew },
      { path: 'community/threads/:id', Component: CommunityThread },
      { path: 'community/search', Component: CommunitySearch },
      { path: 'community/preferences', Component: CommunityPreferences },
      { path: 'community/reports', Component: CommunityReports },
      { path: 'notifications', Component: Notifications },
      { path: 'moderation', Component: Moderation },
      { path: 'support', Component: Support },
      { path: 'support/profile', Component: SupportProfile },
      { path: 'support/offers', Component: SupportOffers },
      { path: 'support/mentorships/:id', Component: SupportConversation },
      { path: 'supervision/mentoring', Component: SupervisionMentoring },
      { path: 'supervision', Component: SupervisionDashboard },
      { path: 'supervision/supporters/:id', Component: SupervisionSupporter },
      { path: 'supervision/requests/:id', Component: SupervisionRequest },
      { path: 'admin/supervision', Component: AdminSupervision },
      { path: 'my-supervision', Component: MySupervision },
      { path: 'groups', Component: Groups },
      { path: 'groups/admin', Component: GroupsAdmin },
      { path: 'groups/programs/:id', Component: GroupsProgram },
      { path: 'groups/:id', Component: Group },
      { path: 'groups/:id/dashboard', Component: GroupDashboard },
      { path: 'circles', Component: Circles },
      { path: 'circles/join', Component: CircleJoin },
      { path: 'circles/:id', Component: Circle },
      { path: 'library', Component: Library },
      { path: 'library/strategies/:id', Component: LibraryStrategy },
      { path: 'library/new', Component: LibraryNew },
      { path: 'library/directory', Component: LibraryDirectory },
      { path: 'recovery', Component: Recovery },
      { path: 'recovery/checkin', Component: RecoveryCheckin },
      { path: 'recovery/journal', Component: RecoveryJournal },
      { path: 'recovery/summary', Component: RecoverySummary },
      { path: 'training', Component: Training },
      { path: 'training/modules/:id', Component: TrainingModule },
      { path: 'supervision/sign-off', Component: SupervisionSignOff },
      { path: '*', Component: NotFound },
    ],
  },
]);
