/**
 * The churn vocabulary, by language: label values that mean churned or retained, and header
 * words that name a churn, exit or cancellation column. Data only (no imports), so the schema's
 * header synonyms and the label readers (flags.ts) share one table. Values are compared after
 * churnLabelKey (lower case, accents dropped, runs of space/underscore/hyphen made one space), so
 * 'Résilié', 'resilie' and 'RESILIÉ' are one entry; write entries in any of those forms.
 *
 * A generic yes/no value (yes, 1, 是) reads as a label only in a column already mapped as the
 * churn/status column, i.e. one whose header means churn (CHURN_HEADER_WORDS) or whose values
 * are churn words: 'Yes' under 'Exited' is churned, 'Yes' under 'Newsletter' is never read.
 */

/** One language's churn words. */
export interface ChurnLanguage {
  lang: string;
  /** Label values meaning the customer has left. */
  churned: readonly string[];
  /** Label values meaning the customer is still a customer (including CRM lifecycle stages). */
  retained: readonly string[];
  /** Headers of a column holding a churn label or a churn/exit/cancel flag. */
  headers: readonly string[];
}

/** Generic yes/no values, read as churned / retained in a churn column only. */
export const GENERIC_FLAG_WORDS = {
  churned: ['yes', 'y', 'true', 't', '1', '1.0', '是', 'sim', 'verdadeiro', 'sí', 'verdadero', 'ja', 'wahr', 'oui', 'vrai'],
  retained: ['no', 'n', 'false', 'f', '0', '0.0', '否', 'não', 'falso', 'nein', 'falsch', 'non', 'faux'],
} as const;

/** The table itself. Add a language or a word here, nowhere else. */
export const CHURN_VOCABULARY: readonly ChurnLanguage[] = [
  {
    lang: 'en',
    churned: ['churn', 'churned', 'lost', 'cancelled', 'canceled', 'inactive', 'closed', 'closed lost', 'closedlost',
      'former customer', 'former', 'terminated', 'exited', 'left', 'attrited', 'attrited customer', 'churned customer',
      'lost customer', 'cancelled customer', 'unsubscribed', 'deactivated'],
    retained: ['active', 'customer', 'current', 'retained', 'existing', 'existing customer', 'stayed', 'active customer',
      'subscriber', 'lead', 'marketing qualified lead', 'marketingqualifiedlead', 'mql', 'sales qualified lead',
      'salesqualifiedlead', 'sql', 'opportunity', 'evangelist', 'other', 'prospect', 'customer direct',
      'customer channel', 'trial', 'new', 'closed won', 'closedwon'],
    headers: ['churn', 'churned', 'churn flag', 'churn label', 'is churned', 'exited', 'exit', 'attrition', 'attrition flag',
      'attrited', 'cancelled', 'canceled', 'is cancelled', 'cancel flag', 'lifecycle stage', 'customer status', 'account status', 'status'],
  },
  {
    lang: 'zh',
    churned: ['已流失', '流失', '流失客户', '已注销', '注销', '停用', '已停用', '已禁用', '禁用', '已解约', '解约', '退订', '已退订',
      '已销户', '销户', '离网', '已离网'],
    retained: ['活跃', '正常', '未流失', '在用', '有效', '启用', '未禁用', '潜在客户', '意向客户', '新客户', '老客户',
      '成交客户', '签约客户', '正式客户', '在网', '存续', '未注销', '未退订'],
    headers: ['流失', '是否流失', '流失标记', '流失标签', '流失状态', '客户状态', '状态', '是否注销', '是否退订', '是否停用', '是否离网'],
  },
  {
    lang: 'pt',
    churned: ['cancelado', 'cancelada', 'perdido', 'perdida', 'inativo', 'inativa', 'encerrado', 'desistente', 'ex cliente'],
    retained: ['cliente', 'ativo', 'ativa', 'cliente ativo', 'retido'],
    headers: ['cancelado', 'cancelamento', 'churn', 'evasao', 'abandono', 'situacao', 'status do cliente', 'saiu'],
  },
  {
    lang: 'es',
    churned: ['cancelado', 'cancelada', 'perdido', 'perdida', 'inactivo', 'inactiva', 'dado de baja', 'de baja', 'abandono', 'ex cliente'],
    retained: ['cliente', 'activo', 'activa', 'cliente activo', 'retenido', 'vigente'],
    headers: ['cancelado', 'cancelacion', 'baja', 'abandono', 'fuga', 'estado del cliente', 'situacion'],
  },
  {
    lang: 'de',
    churned: ['gekündigt', 'gekuendigt', 'verloren', 'inaktiv', 'abgewandert', 'storniert', 'beendet', 'ehemalig', 'ausgetreten'],
    retained: ['aktiv', 'kunde', 'bestandskunde', 'bestehend', 'aktiver kunde'],
    headers: ['gekündigt', 'kündigung', 'abwanderung', 'kundenstatus', 'ausgetreten', 'storniert'],
  },
  {
    lang: 'fr',
    churned: ['résilié', 'résiliée', 'perdu', 'perdue', 'inactif', 'inactive', 'annulé', 'annulée', 'parti', 'ancien client', 'désabonné'],
    retained: ['actif', 'active', 'client', 'client actif', 'fidèle', 'en cours'],
    headers: ['résilié', 'résiliation', 'attrition', 'désabonnement', 'statut client', 'statut', 'annulé'],
  },
];
