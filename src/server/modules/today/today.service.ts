import { TODAY_COUNT_CAP, type TodayMeeting } from '../../../contracts/today.js';
import { hasRole, type Actor } from '../../platform/actor.js';
import type { CommunitiesService } from '../communities/communities.service.js';
import type { GroupsService } from '../groups/groups.service.js';
import type { ConversationsService } from '../mentoring/conversations.service.js';
import { mentoringPolicy } from '../mentoring/mentoring.policy.js';
import type { MentoringService } from '../mentoring/mentoring.service.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { RecoveryService } from '../recovery/recovery.service.js';
import { safetyPolicy } from '../safety/safety.policy.js';
import type { SafetyService } from '../safety/safety.service.js';

/**
 * The signed-in home page ("today", ADR 045): what waits for one person, composed from each
 * domain's own service, so that each part keeps that domain's rule of who may see what. A role's
 * part is read only for someone whose role the domain's policy allows; every part is a count or
 * a link, never a text or an author. The parts are independent reads run side by side.
 */
export class TodayService {
  constructor(
    private readonly deps: {
      notifications: NotificationsService;
      conversations: ConversationsService;
      mentoring: MentoringService;
      recovery: RecoveryService;
      groups: GroupsService;
      communities: CommunitiesService;
      safety: SafetyService;
    },
  ) {}

  async today(actor: Actor) {
    const d = this.deps;
    const supporter = mentoringPolicy.can(actor, 'offer.respond');
    const supervisor = safetyPolicy.can(actor, 'alerts.work');
    const facilitator = hasRole(actor, 'facilitator');
    const [checkedInToday, waiting, summary, requestWaiting, upcoming, offers, unansweredQuestions, work] = await Promise.all([
      d.recovery.checkedInToday(actor),
      d.notifications.waiting(actor),
      d.conversations.summary(actor),
      d.mentoring.requestWaiting(actor),
      d.groups.upcoming(actor),
      supporter ? d.mentoring.pendingOfferCount(actor) : 0,
      supporter ? d.communities.unansweredQuestionCount(actor, TODAY_COUNT_CAP) : 0,
      supervisor ? d.safety.waitingWork(actor) : null,
    ]);
    const unreadAs = (role: 'member' | 'supporter') => summary.conversations.filter((c) => c.role === role && c.unread > 0);
    // A mentee of an ended (or switched) mentorship waits for nobody's reply: it cannot be given.
    const menteesWaiting = unreadAs('supporter').filter((c) => c.status === 'active').length;
    return {
      checkedInToday,
      unreadNotifications: waiting.unread,
      followedThreadsWithNews: waiting.followedThreads,
      conversations: unreadAs('member').map((c) => ({ mentorshipId: c.mentorshipId, unread: c.unread })),
      requestWaiting,
      nextMeeting: upcoming.next ? presentMeeting(upcoming.next) : null,
      supporter: supporter ? { offers, menteesWaiting, unansweredQuestions } : null,
      supervisor: work,
      facilitator: facilitator ? { meetings: upcoming.facilitated.map(presentMeeting) } : null,
    };
  }
}

/** A meeting as the home page names it: no link or place (the group page shows them to its members). */
function presentMeeting(o: TodayMeeting): TodayMeeting {
  return { groupId: o.groupId, groupName: o.groupName, meetingId: o.meetingId, title: o.title, startUtc: o.startUtc };
}
