/** 中文 text of the analyst's data panel (files, mapping, checks, workspaces). Keys shared with analyst.en.ts. */
export default {
  title: '数据与设置',
  tabs: { files: '数据文件', checks: '关联诊断', settings: '流失口径与设置', workspaces: '工作区' },
  queue: { queued: '排队中', loading: '加载中', done: '完成', error: '失败', cancelled: '已取消', cancel: '取消', clear: '清除已完成', rows: '{rows} 行', rate: '{mbps} MB/秒', storageFull: '{file}：浏览器存储空间已满，无法保存这个文件。文件未加载，工作区保持原样；请在“工作区”页删除不再需要的工作区或清理磁盘后重新拖入。', phase: { reading: '读取', staging: '暂存', detecting: '识别', converting: '转换', done: '完成' } },
  append: { title: '本次追加', added: '+{n} {table}', updated: '{n} {table}已更新', duplicates: '{n} 条{table}与已载入的数据相同（未重复计入）', rejected: '{n} 行被拒绝', undo: '撤销本次追加', undone: '已撤销', nothing: '没有新数据' },
  file: {
    remove: '移除', select: '查看', detail: '文件详情', table: '识别为', chooseTable: '选择表', encoding: '编码', delimiter: '分隔符', format: '格式', preset: '识别模板', confidence: '置信度',
    rowsRead: '读取行', rowsLoaded: '已加载', rowsRejected: '拒绝行', rowsReplaced: '替换旧行', rowsDuplicate: '与已载入数据相同的行', duplicateIds: '文件内重复 ID',
    origin: { detected: '自动识别', user: '手工修正', remembered: '沿用已记住的修正' },
    tabs: { mapping: '列映射', preview: '预览（前 20 行）', rejected: '拒绝的行' },
    noRejected: '没有被拒绝的行。', line: '行号', reason: '原因', downloadRejected: '下载拒绝行 CSV', none: '尚未加载文件（当前为演示数据）',
  },
  confirm: {
    title: '请确认这个文件的读法', why: '系统不能确定该如何读取这个文件（最没把握的是{what}，把握为 {confidence}%，低于 {threshold}% 时会询问）。文件尚未显示在大屏上：请选择正确的读法。',
    part: { table: '表类型', header: '表头行', key: '{column} 对应的列' },
    missing: '此读法缺少 {cols}：请在下方列映射中选择对应的列。', reading: '读法 {n}', fit: '吻合度 {pct}%', choose: '按{table}加载', waiting: '等待确认',
    remember: '选择会被记住：之后表头相同的文件都按此读法加载。',
  },
  mapping: {
    missing: '还需映射必填列：{cols}', duplicated: '同一目标列被选了多次：{cols}', 
    source: '源列', sample: '示例值', target: '映射到', kind: '类型', confidence: '置信度', keepExtra: '（保留为附加属性）', ignore: '（不使用）',
    apply: '应用并重新加载此文件', reset: '还原', hint: '修改后只重新加载这个文件；同样表头的文件以后会自动沿用这次修正。',
    reason: { synonym: '表头同义词', content: '按内容', preset: '模板', user: '手工', extra: '附加列' },
    kinds: { id: 'ID', text: '文本', date: '日期', timestamp: '日期时间', number: '数值', boolean: '是/否' },
  },
  checks: {
    title: '关联诊断', run: '重新检查', clean: '未发现问题', rows: '{n} 行', customers: '{n} 个客户', showRows: '查看明细', hideRows: '收起', first: '前 {n} 行',
    kind: {
      'unknown-customer': '{table}中的未知客户（不在客户表中）',
      'duplicate-id': '{table}中的重复 ID',
      'future-date': '{table}中晚于今天的日期',
      'negative-amount': '{table}中的负金额',
    },
    note: { 'negative-amount': '退货/冲销按负值扣减价值；请确认不是录入错误。', 'unknown-customer': '这些行已保留并参与计算。' },
  },
  workspace: {
    new: '新建空白工作区', current: '当前工作区', demo: '演示数据', saveAs: '另存为', namePlaceholder: '工作区名称', open: '打开', delete: '删除', deleteConfirm: '确定删除工作区“{name}”？', saved: '保存于 {time}',
    size: '{size}，{files} 个文件', storage: '浏览器存储已用 {used} / {quota}', list: '已保存的工作区', none: '还没有保存的工作区。',
    clearAll: '删除全部数据', clearConfirm: '删除所有工作区、文件和设置，并回到演示数据？', nameTaken: '已有同名工作区。', nameEmpty: '请输入名称。',
    dataUrl: '数据源 URL', dataUrlHelp: '大屏在每次刷新时重新读取此地址（同一网络内 CRM 每晚导出的 CSV 或 Parquet）；读取失败时保留上次数据并显示错误。', dataUrlSet: '使用', dataUrlClear: '停用', dataUrlNow: '立即读取',
  },
  bundle: {
    title: '事实数据包：{label}', written: '契约版本 {version}，由 {engine} 于 {at} 写出，截至 {asOf}；大屏直接由其中的表绘制，没有原始记录。',
    tables: '包含的表：{tables}', omitted: '写出时省略：{tables}', replace: '拖入另一个数据包会替换它；拖入数据文件则在此加载数据并取代数据包。',
  },
  dataUrl: { failed: '数据源读取失败：{error}（保留 {time} 的数据）', loaded: '数据源已更新 {time}', unchanged: '数据源未变化' },
  exportPng: '导出 PNG',
};
