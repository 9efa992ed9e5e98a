import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { EhrConnectionEntity, UserEntity } from '@keta/db';
import { DomainError, ErrorCode } from '@keta/errors';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import { TokenService } from '../auth/token.service';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { PAGE_POLICY_INLINE_STYLES } from '../http/security-headers';
import { sendProblem } from '../http/send-problem';
import { OpsQueues } from './ops-queues.service';

export const QUEUE_BOARD_PATH = '/ops/queues';
const COOKIE = 'keta_queue_board';
const TICKET_PURPOSE = 'queue-board-ticket';
const SESSION_PURPOSE = 'queue-board';
/** A ticket only carries the ops console's sign-in across to the board: it is used at once. */
export const TICKET_TTL_SECONDS = 30;
const OPS_ROLES: ReadonlySet<string> = new Set(['ops', 'admin']);

/**
 * Bull Board, the raw view of the sync queues, at /ops/queues for ops and admins. A browser cannot send the
 * console's bearer token when it opens a page, so the console asks for a ticket (`POST /ops/queues/ticket`)
 * and opens the board with it; the board trades it for a session cookie of its own (HttpOnly, SameSite=Strict,
 * its path only, as long as an access token). Every request checks the user again (a disabled user or a
 * changed role is out at once). Read-only: the console's actions are the audited way to change anything.
 */
@Injectable()
export class QueueBoard {
  private readonly adapter = new ExpressAdapter();
  private readonly board;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: TokenService,
    private readonly queues: OpsQueues,
  ) {
    this.adapter.setBasePath(QUEUE_BOARD_PATH);
    this.board = createBullBoard({ queues: [], serverAdapter: this.adapter, options: { uiConfig: { boardTitle: 'Keta sync queues' } } });
  }

  ticket(userId: string): Promise<string> {
    return this.tokens.issueFor(TICKET_PURPOSE, userId, TICKET_TTL_SECONDS);
  }

  router(): Router {
    const router = express.Router();
    router.use((req, res, next) => void this.admit(req, res, next).catch(next));
    router.use(this.adapter.getRouter() as Router);
    return router;
  }

  private async admit(req: Request, res: Response, next: NextFunction): Promise<void> {
    // The console's own route for a ticket lives beside the board, in the API.
    if (req.method === 'POST' && req.path === '/ticket') return next('router');
    res.setHeader('Content-Security-Policy', PAGE_POLICY_INLINE_STYLES);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(req, res, ErrorCode.Forbidden, 'The raw queue view is read-only: retry, replay and pause from the ops console');
    const ticket = typeof req.query.ticket === 'string' ? req.query.ticket : undefined;
    if (ticket) return this.trade(req, res, ticket);
    const userId = await this.tokens.verifyFor(SESSION_PURPOSE, cookieOf(req) ?? '');
    if (!userId || !(await this.isOps(userId))) return refuse(req, res, ErrorCode.Unauthenticated, 'Open the raw queue view from the ops console');
    await this.showQueues();
    next();
  }

  /** A valid ticket of an ops user becomes the board's session cookie; the ticket leaves the address bar. */
  private async trade(req: Request, res: Response, ticket: string): Promise<void> {
    const userId = await this.tokens.verifyFor(TICKET_PURPOSE, ticket);
    if (!userId || !(await this.isOps(userId))) return refuse(req, res, ErrorCode.Unauthenticated, 'This link has expired: open the raw queue view from the ops console again');
    const session = await this.tokens.issueFor(SESSION_PURPOSE, userId, this.config.AUTH_TOKEN_TTL_SECONDS);
    res.cookie(COOKIE, session, {
      httpOnly: true, sameSite: 'strict', path: QUEUE_BOARD_PATH, secure: this.config.PUBLIC_URL?.startsWith('https://') ?? false,
      maxAge: this.config.AUTH_TOKEN_TTL_SECONDS * 1000,
    });
    res.redirect(303, `${QUEUE_BOARD_PATH}/`);
  }

  private async isOps(userId: string): Promise<boolean> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: userId });
    return !!user && !user.disabled && OPS_ROLES.has(user.role);
  }

  /** The board shows one queue per enabled connection, as the workers run them, and the reconciliations. */
  private async showQueues(): Promise<void> {
    const connections = await this.db.getRepository(EhrConnectionEntity).find({ where: { enabled: true }, order: { name: 'ASC' } });
    this.board.replaceQueues([
      ...connections.map((c) => new BullMQAdapter(this.queues.queueOf(c.id), { readOnlyMode: true, description: c.name })),
      new BullMQAdapter(this.queues.reconcileQueue(), { readOnlyMode: true, description: 'Reconciliation with the EHRs' }),
    ]);
  }
}

function cookieOf(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

function refuse(req: Request, res: Response, code: ErrorCode, message: string): void {
  sendProblem(res, new DomainError(code, message), String(req.id));
}
