import { PromotionRecord } from '@mlops-portal/plugin-mlops-common';
import { AMIRA, MODEL } from './startNotificationsTestbed';

/** Amira's request to move `champion` of `entityRef` from v4 to v6, waiting for approval; a fresh id each call. */
export const pendingPromotion = (entityRef = MODEL): PromotionRecord => ({
  id: `p-${entityRef.length}-${Math.random().toString(36).slice(2)}`,
  entityRef,
  instance: 'default',
  registeredModel: 'fraud-detector',
  action: 'promote',
  alias: 'champion',
  fromVersion: '4',
  toVersion: '6',
  reason: 'v6 beats v4 on AUC',
  state: 'pending_approval',
  requestedBy: AMIRA,
  requestedAt: new Date().toISOString(),
  gates: [],
});
