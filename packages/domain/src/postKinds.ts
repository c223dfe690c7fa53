import { z } from 'zod';

/** Kinds of post (岗位) seen in the briefings. */
export const postKinds = [
  'checkpoint', // 卡点执勤
  'testing_site', // 核酸检测引导/信息录入
  'screening', // 入户排查/敲门行动
  'temperature_check', // 测温验码
  'disinfection', // 防疫消杀
  'delivery', // 物资配送/代购/送菜
  'hotline', // 心理疏导热线
  'quarantine_site', // 隔离点服务
  'sample_transport', // 样本转运
  'publicity', // 防控宣传
  'elderly_care', // 关爱老人
  'multilingual', // 多语种宣传
  'training', // 岗前培训 and routine practice activities
] as const;

export const PostKind = z.enum(postKinds).describe('Kind of post (岗位)');
export type PostKind = z.infer<typeof PostKind>;
