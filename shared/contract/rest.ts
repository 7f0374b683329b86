import { z } from 'zod';
import { User } from './entities';

export const SignInBody = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});
export type SignInBody = z.infer<typeof SignInBody>;

export const SignInResponse = z.object({ user: User });
export type SignInResponse = z.infer<typeof SignInResponse>;

export const ComponentState = z.enum(['up', 'down']);
export const HealthResponse = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: ComponentState,
  redis: ComponentState,
});
export type HealthResponse = z.infer<typeof HealthResponse>;
