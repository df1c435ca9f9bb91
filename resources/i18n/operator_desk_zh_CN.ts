<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>CouponDialog</name>
        <message>
            <location filename="../../operator_app/ui/coupon_dialog.py" line="38" />
            <source>Give a coupon to {name}</source>
            <translation>给 {name} 发优惠券</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/coupon_dialog.py" line="47" />
            <source>Coupon amount</source>
            <translation>优惠券金额</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/coupon_dialog.py" line="51" />
            <source> days</source>
            <translation> 天</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/coupon_dialog.py" line="52" />
            <source>Days valid</source>
            <translation>有效天数</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/coupon_dialog.py" line="56" />
            <source>&amp;Amount</source>
            <translation>金额(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/coupon_dialog.py" line="57" />
            <source>&amp;Valid for</source>
            <translation>有效期(&amp;V)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/coupon_dialog.py" line="58" />
            <source>Expires</source>
            <translation>到期日</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/coupon_dialog.py" line="60" />
            <source>Record the no-threshold coupon you give this customer. Its amount and expiry fill the script's coupon placeholders, and a reminder comes before it expires.</source>
            <translation>记录你发给这位客户的无门槛券。话术里的优惠券金额和到期日会自动填入，券到期前会提醒你联系客户。</translation>
        </message>
    </context>
    <context>
        <name>CouponsModel</name>
        <message>
            <location filename="../../operator_app/ui/detail_models.py" line="159" />
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/detail_models.py" line="161" />
            <source>Issued</source>
            <translation>发放时间</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/detail_models.py" line="166" />
            <source>Expires</source>
            <translation>到期时间</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/detail_models.py" line="171" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/detail_models.py" line="177" />
            <source>Used</source>
            <translation>已使用</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/detail_models.py" line="179" />
            <source>Expired</source>
            <translation>已过期</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/detail_models.py" line="181" />
            <source>Unused, %n day(s) left</source>
            <translation>
                <numerusform>未使用，还剩 %n 天</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CustomMessageDialog</name>
        <message>
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="138" />
            <source>Custom message to {name}</source>
            <translation>给 {name} 的自定义消息</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="143" />
            <source>The message as you send it</source>
            <translation>你发给客户的原话</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="144" />
            <source>Required: why you send it</source>
            <translation>必填：你发这句话的目的</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="145" />
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="146" />
            <source>Optional</source>
            <translation>选填</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="148" />
            <source>Message</source>
            <translation>消息内容</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="149" />
            <source>Purpose *</source>
            <translation>目的 *</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="150" />
            <source>What the customer will think</source>
            <translation>客户会怎么想</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="151" />
            <source>Reply you want</source>
            <translation>希望客户回复什么</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="153" />
            <source>Answer the three questions before you send: at least the purpose.</source>
            <translation>发之前先想三问：至少写下目的。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="158" />
            <source>Save and copy</source>
            <translation>保存并复制</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="160" />
            <source>Log the message and copy it, ready to paste in WeChat (Ctrl+Enter)</source>
            <translation>记录这条消息并复制，可直接粘贴到微信（Ctrl+Enter）</translation>
        </message>
    </context>
    <context>
        <name>ErrorReporter</name>
        <message>
            <location filename="../../operator_app/ui/errors.py" line="43" />
            <source>Something went wrong inside Operator Desk. This is a bug in the program, not a mistake on your part.</source>
            <translation>私域工作台内部出错了。这是程序的缺陷，不是你的操作问题。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/errors.py" line="48" />
            <source>The details were written to {path}. Please send that file to your admin.</source>
            <translation>详细信息已写入 {path}，请把这个文件发给管理员。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/errors.py" line="51" />
            <source>The details were written to the log.</source>
            <translation>详细信息已写入日志。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/errors.py" line="52" />
            <source>Error: {name}</source>
            <translation>错误类型：{name}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/errors.py" line="62" />
            <source>Operator Desk</source>
            <translation>私域工作台</translation>
        </message>
    </context>
    <context>
        <name>FileStep</name>
        <message>
            <location filename="../../operator_app/ui/import_file_step.py" line="32" />
            <source>&amp;Customers (leads)</source>
            <translation>客户名单(&amp;C)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_file_step.py" line="33" />
            <source>&amp;Orders</source>
            <translation>订单(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_file_step.py" line="34" />
            <source>Co&amp;upons</source>
            <translation>优惠券(&amp;U)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_file_step.py" line="47" />
            <source>Save &amp;template…</source>
            <translation>保存模板(&amp;T)…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_file_step.py" line="49" />
            <source>An empty .xlsx with the expected columns and one example row, to fill in</source>
            <translation>一个 .xlsx 模板：导入需要的列和一行示例，填好即可导入</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_file_step.py" line="55" />
            <source>No file chosen yet</source>
            <translation>还没有选择文件</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_file_step.py" line="56" />
            <location filename="../../operator_app/ui/import_file_step.py" line="64" />
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_file_step.py" line="57" />
            <source>Choose &amp;file…</source>
            <translation>选择文件(&amp;F)…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_file_step.py" line="63" />
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_file_step.py" line="67" />
            <source>Reading the file…</source>
            <translation>正在读取文件…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_file_step.py" line="69" />
            <source>Stop reading</source>
            <translation>停止读取</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_file_step.py" line="95" />
            <source>CSV (UTF-8, GBK or UTF-16) or Excel .xlsx. A title row above the header and a totals row (合计) below the data are skipped. Nothing is written until you confirm the last step.</source>
            <translation>支持 CSV（UTF-8、GBK 或 UTF-16 编码）和 Excel .xlsx。表头上方的标题行、数据下方的合计行会自动跳过。在最后一步确认之前，不会写入任何内容。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_file_step.py" line="101" />
            <source>A customer list needs a phone column; name, owner, channel, tags, birthday, notes, added time and city are taken when the file has them.</source>
            <translation>客户名单需要有手机号列；文件里有客户名称、负责人、渠道、标签、生日、备注、添加时间、城市的，也会一并导入。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_file_step.py" line="106" />
            <source>An order export needs the order number and the buyer's phone; one row per order line is fine. Orders are matched to customers by phone, and importing the file again updates their status.</source>
            <translation>订单表需要有订单号和买家手机号；一个订单分多行（每件商品一行）也可以。订单按手机号对应到客户；同一文件再次导入时会更新订单状态。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_file_step.py" line="112" />
            <source>A coupon export from the mall needs the customer's phone or the order number, the amount and the expiry; issue time, used state and coupon code are taken when the file has them. Importing the file again adds nothing, and marks coupons used when the file now says so.</source>
            <translation>商城导出的优惠券需要客户手机号或订单号、金额和到期时间；文件里有发放时间、使用状态和券码时一并导入。同一文件再次导入不会重复添加；文件中新标为已使用的券会更新为已使用。</translation>
        </message>
    </context>
    <context>
        <name>FirstDayGuide</name>
        <message>
            <location filename="../../operator_app/ui/first_day_guide.py" line="29" />
            <source>Your first day</source>
            <translation>新手指南</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/first_day_guide.py" line="35" />
            <source>Welcome! Four things to know</source>
            <translation>欢迎！先了解四件事</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/first_day_guide.py" line="46" />
            <source>Start working</source>
            <translation>开始工作</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/first_day_guide.py" line="56" />
            <source>1. The queue (Today)</source>
            <translation>1. 今日队列</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/first_day_guide.py" line="58" />
            <source>Today lists the customers to contact now: overdue first, then due later today, the most important first. Work from the top. J and K move down and up; Ctrl+Enter goes to the next customer.</source>
            <translation>「今日」列出现在该联系的客户：先是已逾期的，再是今天稍后到期的，重要的排在前面。从上往下处理即可。J、K 上下移动，Ctrl+Enter 进入下一位客户。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/first_day_guide.py" line="64" />
            <source>2. The hook: why you contact them</source>
            <translation>2. 钩子：为什么联系这位客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/first_day_guide.py" line="66" />
            <source>Every customer comes with a suggested hook (钩子): a reason to get in touch now, such as an order that just arrived or a coupon about to expire, with the reason written beside it. A message with a hook gets replies; one without feels like spam.</source>
            <translation>每位客户都带着一个建议的钩子：现在联系的理由，比如刚签收的订单、快到期的优惠券，理由就写在旁边。有钩子的消息客户愿意回；没有钩子的消息像骚扰。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/first_day_guide.py" line="73" />
            <source>3. The three questions before you send</source>
            <translation>3. 发送前的三问</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/first_day_guide.py" line="75" />
            <source>Beside each script line: what is this message for, what will the customer think when they read it, and what reply do you want? Read them before you send. When the customer answers, compare the answer with the third question: that is how you get better.</source>
            <translation>每句话术旁边都有三问：你发这句话的目的是什么？用户看到会想什么？你希望用户回应你什么？发送前先读一遍。客户回复后，把回复和第三问对照：这样你会越做越好。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/first_day_guide.py" line="82" />
            <source>4. Log what happened, one key</source>
            <translation>4. 一键记录结果</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/first_day_guide.py" line="84" />
            <source>Copy a line with Ctrl+C (it is logged as sent) and paste it into WeCom. Then record the outcome with one key: R replied, N no reply, O ordered, W added your personal WeChat, G joined the group, F friend request sent, A friend request accepted. The app then suggests the next step. F1 lists every key.</source>
            <translation>用 Ctrl+C 复制一句话术（会记为已发送），粘贴到企业微信发出。然后一键记录结果：R 已回复，N 未回复，O 已下单，W 已加个微，G 已进群，F 已发好友申请，A 好友已通过。系统随后给出下一步建议。按 F1 查看全部快捷键。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/first_day_guide.py" line="91" />
            <source>This is the demo</source>
            <translation>这是演示数据</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/first_day_guide.py" line="93" />
            <source>The customers here are made up: try anything. Reopen this guide from Help → Your first day.</source>
            <translation>这里的客户都是虚构的，可以放心尝试。随时可以从「帮助 → 新手指南」再次打开本指南。</translation>
        </message>
    </context>
    <context>
        <name>HelpActions</name>
        <message>
            <location filename="../../operator_app/ui/help_actions.py" line="32" />
            <source>Keyboard shortcuts</source>
            <translation>快捷键一览</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/help_actions.py" line="35" />
            <source>Your first day…</source>
            <translation>新手指南…</translation>
        </message>
    </context>
    <context>
        <name>HookStatsModel</name>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="515" />
            <source>Hook</source>
            <translation>钩子</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="516" />
            <source>Scripts sent</source>
            <translation>发出话术</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="516" />
            <source>One hook's lines to one customer count once.</source>
            <translation>同一钩子的话术发给同一位客户，只算一次。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="517" />
            <source>Answered</source>
            <translation>有回复</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="517" />
            <source>The customer replied after the first line.</source>
            <translation>客户在首句之后有回复。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="518" />
            <source>Reply rate</source>
            <translation>回复率</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="520" />
            <source>Ordered within 7 days</source>
            <translation>7 天内下单</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="521" />
            <source>A valid order within 7 days of the first line.</source>
            <translation>首句发出后 7 天内有有效订单（不含退款、关闭）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="523" />
            <source>Conversion</source>
            <translation>转化率</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="523" />
            <source>Ordered within 7 days ÷ scripts sent.</source>
            <translation>7 天内下单 ÷ 发出话术。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="548" />
            <source>Too few sends to judge</source>
            <translation>样本不足，暂不判断</translation>
        </message>
    </context>
    <context>
        <name>IdentityHeader</name>
        <message>
            <location filename="../../operator_app/ui/header.py" line="46" />
            <source>{role} · {team} · login {login}</source>
            <translation>{role} · {team} · 账号 {login}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/header.py" line="55" />
            <source>Offline: your name, role and team cannot be read right now.</source>
            <translation>离线：暂时无法读取你的姓名、角色和团队。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/header.py" line="59" />
            <source>No person selected</source>
            <translation>未选择人员</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/header.py" line="61" />
            <source>Nobody has been chosen on this PC yet.</source>
            <translation>这台电脑还没有选择使用者。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/header.py" line="64" />
            <source>The shared database is offline, so the list of people cannot be read. Restart Operator Desk once it is back to choose who you are.</source>
            <translation>共享数据库离线，无法读取人员名单。连接恢复后重新启动私域工作台，即可选择你的账号。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/header.py" line="74" />
            <source>Counting…</source>
            <translation>正在统计…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/header.py" line="81" />
            <source>Shared database — teams: {teams}, people: {people}, leads: {leads}</source>
            <translation>共享数据库：团队 {teams} 个 · 人员 {people} 名 · 线索 {leads} 条</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/header.py" line="88" />
            <source>Counted just now in the shared database, across all teams.</source>
            <translation>刚刚从共享数据库统计，包含所有团队。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/header.py" line="94" />
            <source>Counts unavailable</source>
            <translation>暂时无法统计</translation>
        </message>
    </context>
    <context>
        <name>ImportPage</name>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="50" />
            <source>1 Choose a file</source>
            <translation>① 选择文件</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="51" />
            <source>2 Check the columns</source>
            <translation>② 核对列</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="52" />
            <source>3 Share out</source>
            <translation>③ 分配</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="53" />
            <source>4 Import</source>
            <translation>④ 导入</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="55" />
            <source>3 Unknown buyers</source>
            <translation>③ 未知买家</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="56" />
            <source>3 Confirm</source>
            <translation>③ 确认</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="57" />
            <source>Spreadsheets (*.csv *.xlsx *.txt);;All files (*)</source>
            <translation>表格文件 (*.csv *.xlsx *.txt);;所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="128" />
            <source>Choose a file</source>
            <translation>选择文件</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="135" />
            <source>Import customers, orders or coupons</source>
            <translation>导入客户、订单或优惠券</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="621" />
            <source>Template saved: {path}. Fill it in, then choose it here.</source>
            <translation>模板已保存：{path}。填好后在这里选择该文件导入。</translation>
        </message>
        <message>
            <source>Import customers or orders</source>
            <translation type="vanished">导入客户或订单</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="151" />
            <source>&amp;Back</source>
            <translation>上一步(&amp;B)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="152" />
            <source>&amp;Next</source>
            <translation>下一步(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="153" />
            <source>&amp;Import</source>
            <translation>开始导入(&amp;I)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="257" />
            <source>Importing needs the connection to the shared database, which is offline now.</source>
            <translation>导入需要连接共享数据库，但现在连不上。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="270" />
            <source>Choose the file to import</source>
            <translation>选择要导入的文件</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/import_page.py" line="339" />
            <source>{name}: %n row(s) of data, header on row {row}</source>
            <translation>
                <numerusform>{name}：数据 %n 行，表头在第 {row} 行</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="359" />
            <source>The file could not be read.</source>
            <translation>无法读取这个文件。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="391" />
            <location filename="../../operator_app/ui/import_page.py" line="424" />
            <source>Checking…</source>
            <translation>正在检查…</translation>
        </message>
        <message>
            <source>Checked against the shared database. Nothing is written yet.</source>
            <translation type="vanished">已对照共享数据库检查，尚未写入任何内容。</translation>
        </message>
        <message>
            <source>There is nothing new to import: every row is a customer already or cannot be imported.</source>
            <translation type="vanished">没有可导入的新客户：每一行都已是现有客户，或无法导入。</translation>
        </message>
        <message>
            <source>There is nothing to import: no new or changed orders.</source>
            <translation type="vanished">没有可导入的内容：没有新的或有变化的订单。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="469" />
            <source>The file could not be checked.</source>
            <translation>无法检查这个文件。</translation>
        </message>
        <message numerus="yes">
            <source>%n new customer(s): {by_file} by the file's owner column, {shared} shared among the ticked operators, {pool} left in the pool.</source>
            <translation type="vanished">
                <numerusform>共 %n 位新客户：{by_file} 位按文件的负责人列分配，{shared} 位平均分给勾选的运营，{pool} 位留在公海。</numerusform>
            </translation>
        </message>
        <message>
            <source>, </source>
            <translation type="vanished">、</translation>
        </message>
        <message>
            <source>{name} ({rows})</source>
            <translation type="vanished">{name}（{rows} 行）</translation>
        </message>
        <message>
            <source>These owners in the file are not active operators of the team; their customers are shared out as above: {names}</source>
            <translation type="vanished">文件中的这些负责人不是本组在职运营，他们的客户按上面的方式分配：{names}</translation>
        </message>
        <message>
            <source>Importing…</source>
            <translation type="vanished">正在导入…</translation>
        </message>
        <message>
            <source>Writing… %p%</source>
            <translation type="vanished">正在写入… %p%</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation type="vanished">正在取消…</translation>
        </message>
        <message>
            <source>Import finished</source>
            <translation type="vanished">导入完成</translation>
        </message>
        <message>
            <source>Everything above is in the shared database. Operators see their new customers after their next sync.</source>
            <translation type="vanished">以上内容已全部写入共享数据库。运营下次同步后就能看到分给自己的新客户。</translation>
        </message>
        <message>
            <source>Everything above is in the shared database. The suggested hooks follow the orders after each operator's next sync.</source>
            <translation type="vanished">以上内容已全部写入共享数据库。各位运营下次同步后，建议的钩子会按这些订单更新。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="568" />
            <source>The import was cancelled. Nothing was written.</source>
            <translation>已取消导入，没有写入任何内容。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="570" />
            <source>The import failed. Nothing was written.</source>
            <translation>导入失败，没有写入任何内容。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="584" />
            <source>Save the rows to fix</source>
            <translation>保存需要修改的行</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="586" />
            <source>CSV for Excel (*.csv)</source>
            <translation>CSV（可用 Excel 打开）(*.csv)</translation>
        </message>
        <message>
            <source>The rows to fix are saved in {path}, with the reason in the last column. Correct them and import that file.</source>
            <translation type="vanished">需要修改的行已保存到 {path}，最后一列是原因。改好后导入这个文件即可。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="609" />
            <source>The file could not be saved ({reason}). Choose another place.</source>
            <translation>文件无法保存（{reason}），请换一个位置。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_page.py" line="613" />
            <source>The file could not be saved.</source>
            <translation>文件无法保存。</translation>
        </message>
    </context>
    <context>
        <name>ImportReasons</name>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="25" />
            <location filename="../../operator_app/ui/import_reasons.py" line="70" />
            <source>No phone number</source>
            <translation>缺少手机号</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="26" />
            <location filename="../../operator_app/ui/import_reasons.py" line="71" />
            <source>Phone number not valid</source>
            <translation>手机号格式不正确</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="27" />
            <source>Not a mobile number (a landline?)</source>
            <translation>不是手机号（可能是座机）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="28" />
            <source>Phone number turned into scientific notation (cannot be recovered)</source>
            <translation>手机号被改成了科学计数法（无法恢复）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="31" />
            <source>Repeated in the file</source>
            <translation>文件内重复</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="32" />
            <source>Already a customer</source>
            <translation>已是现有客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="33" />
            <location filename="../../operator_app/ui/import_reasons.py" line="83" />
            <source>No order number</source>
            <translation>缺少订单号</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="34" />
            <source>Order number turned into scientific notation (cannot be recovered)</source>
            <translation>订单号被改成了科学计数法（无法恢复）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="37" />
            <source>Amount not recognised</source>
            <translation>金额无法识别</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="38" />
            <source>Order status not recognised</source>
            <translation>订单状态无法识别</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="39" />
            <source>Unpaid order</source>
            <translation>未付款的订单</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="40" />
            <source>Order time not recognised</source>
            <translation>下单时间无法识别</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="41" />
            <source>Another line of the same order has an error</source>
            <translation>同一订单的其他行有错误</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="44" />
            <source>Order number used by another buyer in the file</source>
            <translation>订单号在文件中属于另一位买家</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="47" />
            <source>Order number already belongs to another customer</source>
            <translation>订单号已属于另一位客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="50" />
            <source>No customer with this phone</source>
            <translation>没有这个手机号的客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="51" />
            <source>Birthday not recognised (left empty)</source>
            <translation>生日无法识别（已留空）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="52" />
            <source>Added time not recognised (the import time is used)</source>
            <translation>添加时间无法识别（按导入时间记录）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="55" />
            <source>No phone or order number</source>
            <translation>缺少手机号或订单号</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="56" />
            <source>Coupon amount not recognised</source>
            <translation>优惠券金额无法识别</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="57" />
            <source>Expiry not recognised</source>
            <translation>到期时间无法识别</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="58" />
            <source>No expiry</source>
            <translation>缺少到期时间</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="59" />
            <source>Issue time not recognised</source>
            <translation>发放时间无法识别</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="60" />
            <source>Expires before it was issued</source>
            <translation>到期时间早于发放时间</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="61" />
            <source>Used state not recognised</source>
            <translation>使用状态无法识别</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="62" />
            <source>Same coupon twice in the file</source>
            <translation>文件内重复的优惠券</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="63" />
            <source>No customer with this phone or order</source>
            <translation>没有此手机号或订单号的客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="72" />
            <source>Not a mobile number (a landline?): no friend request can be sent</source>
            <translation>不是手机号（可能是座机），无法添加好友</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="75" />
            <source>The spreadsheet turned the phone number into scientific notation (like 1.38123E+10) and its last digits are lost. Set the column to text in the original sheet and export it again.</source>
            <translation>手机号被表格软件改成了科学计数法（如 1.38123E+10），后几位已丢失、无法恢复；请在原表中把该列设为“文本”后重新导出</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="81" />
            <source>Same phone number as row {first}</source>
            <translation>与第 {first} 行的手机号重复</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="82" />
            <source>A customer with this phone exists</source>
            <translation>该手机号已是现有客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="84" />
            <source>The spreadsheet turned the order number into scientific notation and its last digits are lost.</source>
            <translation>订单号被表格软件改成了科学计数法，后几位已丢失、无法恢复</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="89" />
            <source>Amount not recognised: {value}</source>
            <translation>金额无法识别：{value}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="90" />
            <source>Order status not recognised: {value}</source>
            <translation>订单状态无法识别：{value}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="91" />
            <source>Unpaid orders are not imported</source>
            <translation>未付款的订单不导入</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="92" />
            <source>Order time not recognised: {value}</source>
            <translation>下单时间无法识别：{value}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="93" />
            <source>Another line of the same order ({order_no}) has an error: the whole order is left out</source>
            <translation>同一订单（{order_no}）的其他行有错误，整单未导入</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="97" />
            <source>Order number {order_no} belongs to another buyer in row {first}: this row is left out. Check the order number and the phone.</source>
            <translation>订单号 {order_no} 在第 {first} 行属于另一位买家，本行未导入；请核对订单号和手机号。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="102" />
            <source>Order number {order_no} is already another customer's order: this row is left out. Check the order number and the phone.</source>
            <translation>订单号 {order_no} 已是另一位客户的订单，本行未导入；请核对订单号和手机号。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="107" />
            <source>No customer with this phone: the order is left out (import the customers first, or create unknown buyers)</source>
            <translation>没有这个手机号的客户，订单未导入（可先导入客户，或选择“为未知买家新建客户”）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="112" />
            <source>Birthday not recognised, left empty: {value}</source>
            <translation>生日无法识别，已留空：{value}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="115" />
            <source>Added time not recognised, the import time is used: {value}</source>
            <translation>添加时间无法识别，已按导入时间记录：{value}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="118" />
            <source>No phone number or order number</source>
            <translation>缺少手机号或订单号</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="119" />
            <source>Coupon amount not recognised or not above 0: {value}</source>
            <translation>优惠券金额无法识别或不大于 0：{value}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="122" />
            <source>Expiry not recognised: {value}</source>
            <translation>到期时间无法识别：{value}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="123" />
            <source>No expiry date</source>
            <translation>缺少到期时间</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="124" />
            <source>Issue time not recognised: {value}</source>
            <translation>发放时间无法识别：{value}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="125" />
            <source>The coupon expires before it was issued</source>
            <translation>到期时间早于发放时间</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="128" />
            <source>Used state not recognised: {value}</source>
            <translation>使用状态无法识别：{value}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="129" />
            <source>The same coupon as row {first}</source>
            <translation>与第 {first} 行是同一张优惠券</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_reasons.py" line="130" />
            <source>No customer with this phone or order number: the coupon is left out (import the customers or orders first)</source>
            <translation>没有此手机号或订单号的客户，优惠券未导入（可先导入客户或订单）</translation>
        </message>
    </context>
    <context>
        <name>ImportSummary</name>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="22" />
            <source>Customer name</source>
            <translation>客户名称</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="23" />
            <location filename="../../operator_app/ui/import_summary.py" line="40" />
            <source>Phone</source>
            <translation>手机号</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="24" />
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="25" />
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="26" />
            <source>Tags</source>
            <translation>标签</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="27" />
            <source>Birthday</source>
            <translation>生日</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="28" />
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="29" />
            <source>Added at</source>
            <translation>添加时间</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="30" />
            <source>City</source>
            <translation>城市</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="31" />
            <location filename="../../operator_app/ui/import_summary.py" line="41" />
            <source>Order number</source>
            <translation>订单号</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="32" />
            <source>Buyer phone</source>
            <translation>买家手机号</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="33" />
            <source>Buyer name</source>
            <translation>买家姓名</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="34" />
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="35" />
            <source>Order status</source>
            <translation>订单状态</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="36" />
            <source>Product</source>
            <translation>商品</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="37" />
            <source>Ordered at</source>
            <translation>下单时间</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="38" />
            <source>Shipped at</source>
            <translation>发货时间</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="39" />
            <source>Signed at</source>
            <translation>签收时间</translation>
        </message>
        <message>
            <source>No phone number</source>
            <translation type="vanished">缺少手机号</translation>
        </message>
        <message>
            <source>Phone number not valid</source>
            <translation type="vanished">手机号格式不正确</translation>
        </message>
        <message>
            <source>Not a mobile number (a landline?)</source>
            <translation type="vanished">不是手机号（可能是座机）</translation>
        </message>
        <message>
            <source>Phone number turned into scientific notation (cannot be recovered)</source>
            <translation type="vanished">手机号被改成了科学计数法（无法恢复）</translation>
        </message>
        <message>
            <source>No order number</source>
            <translation type="vanished">缺少订单号</translation>
        </message>
        <message>
            <source>Order number turned into scientific notation (cannot be recovered)</source>
            <translation type="vanished">订单号被改成了科学计数法（无法恢复）</translation>
        </message>
        <message>
            <source>Amount not recognised</source>
            <translation type="vanished">金额无法识别</translation>
        </message>
        <message>
            <source>Order status not recognised</source>
            <translation type="vanished">订单状态无法识别</translation>
        </message>
        <message>
            <source>Unpaid order</source>
            <translation type="vanished">未付款的订单</translation>
        </message>
        <message>
            <source>Order time not recognised</source>
            <translation type="vanished">下单时间无法识别</translation>
        </message>
        <message>
            <source>Another line of the same order has an error</source>
            <translation type="vanished">同一订单的其他行有错误</translation>
        </message>
        <message>
            <source>No customer with this phone</source>
            <translation type="vanished">没有这个手机号的客户</translation>
        </message>
        <message>
            <source>Birthday not recognised (left empty)</source>
            <translation type="vanished">生日无法识别（已留空）</translation>
        </message>
        <message>
            <source>Added time not recognised (the import time is used)</source>
            <translation type="vanished">添加时间无法识别（按导入时间记录）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="42" />
            <source>Coupon amount</source>
            <translation>优惠券金额</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="43" />
            <source>Issued at</source>
            <translation>发放时间</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="44" />
            <source>Expires at</source>
            <translation>到期时间</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="45" />
            <source>Used at</source>
            <translation>使用时间</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="46" />
            <source>Used?</source>
            <translation>使用状态</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="47" />
            <source>Coupon code</source>
            <translation>券码</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="69" />
            <source>Rows that cannot be imported</source>
            <translation>无法导入的行</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="93" />
            <source>New customers imported</source>
            <translation>已导入的新客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="95" />
            <source>New customers to import</source>
            <translation>将导入的新客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="99" />
            <location filename="../../operator_app/ui/import_summary.py" line="180" />
            <location filename="../../operator_app/ui/import_summary.py" line="224" />
            <source>Rows in the file</source>
            <translation>文件行数</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="105" />
            <source>Already customers (skipped)</source>
            <translation>已是现有客户（跳过）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="110" />
            <location filename="../../operator_app/ui/import_summary.py" line="236" />
            <source>Repeated in the file (first one kept)</source>
            <translation>文件内重复（保留第一行）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="122" />
            <source>Imported with a value left out</source>
            <translation>导入但有内容留空</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="133" />
            <source>Owner not in the team</source>
            <translation>负责人不是本组运营</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="143" />
            <source>Where the new customers went</source>
            <translation>新客户去向</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="147" />
            <source>Given to {name}</source>
            <translation>分给 {name}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="157" />
            <source>Left in the pool</source>
            <translation>留在公海</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="168" />
            <source>Orders added</source>
            <translation>已新增的订单</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="170" />
            <source>New orders to add</source>
            <translation>将新增的订单</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="173" />
            <source>Known orders updated</source>
            <translation>已更新的订单</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="175" />
            <source>Known orders to update</source>
            <translation>将更新的订单</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="185" />
            <source>Orders in the file</source>
            <translation>文件中的订单</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="190" />
            <source>Orders of known customers</source>
            <translation>现有客户的订单</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="194" />
            <source>Orders from unknown buyers</source>
            <translation>未知买家的订单</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="201" />
            <source>New customers created</source>
            <translation>已新建的客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="203" />
            <source>New customers to create</source>
            <translation>将新建的客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="213" />
            <source>Coupons added</source>
            <translation>已添加的优惠券</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="215" />
            <source>New coupons to add</source>
            <translation>将添加的新优惠券</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="218" />
            <source>Known coupons marked used</source>
            <translation>已标为已使用的优惠券</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="220" />
            <source>Known coupons to mark used</source>
            <translation>将标为已使用的优惠券</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_summary.py" line="231" />
            <source>Already imported (skipped)</source>
            <translation>已导入过（跳过）</translation>
        </message>
    </context>
    <context>
        <name>KnownError</name>
        <message>
            <location filename="../../operator_app/config.py" line="115" />
            <source>The data folder {path} cannot be written ({reason}).</source>
            <translation>无法写入数据文件夹 {path}（{reason}）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/config.py" line="116" />
            <source>Choose another folder with --data-dir, or fix its permissions.</source>
            <translation>请用 --data-dir 指定其他文件夹，或修改该文件夹的权限。</translation>
        </message>
        <message>
            <location filename="../../operator_app/context.py" line="59" />
            <source>The shared database has no Operator Desk tables yet.</source>
            <translation>共享数据库中还没有私域工作台的数据表。</translation>
        </message>
        <message>
            <location filename="../../operator_app/context.py" line="60" />
            <location filename="../../operator_app/sync/engine.py" line="105" />
            <source>Ask your admin to run: operator-app migrate</source>
            <translation>请让管理员运行：operator-app migrate</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/db.py" line="31" />
            <source>The shared database URL '{url}' is not a valid URL.</source>
            <translation>共享数据库地址“{url}”不是有效的地址。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/db.py" line="33" />
            <source>Use sqlite:///C:/path/shared.sqlite3 or postgresql+psycopg://login@server:5432/database.</source>
            <translation>请使用 sqlite:///C:/path/shared.sqlite3 或 postgresql+psycopg://login@server:5432/database 这样的格式。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/db.py" line="45" />
            <source>The shared SQLite URL '{url}' names no file.</source>
            <translation>共享 SQLite 地址“{url}”没有指定文件。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/db.py" line="46" />
            <source>Give a file path, for example sqlite:///C:/data/shared.sqlite3.</source>
            <translation>请填写文件路径，例如 sqlite:///C:/data/shared.sqlite3。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/db.py" line="51" />
            <source>Databases of type '{backend}' are not supported.</source>
            <translation>不支持“{backend}”类型的数据库。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/db.py" line="52" />
            <source>Use PostgreSQL (postgresql+psycopg://…) or an SQLite file (sqlite:///…).</source>
            <translation>请使用 PostgreSQL（postgresql+psycopg://…）或 SQLite 文件（sqlite:///…）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/db.py" line="74" />
            <source>The folder {path} for the SQLite database does not exist.</source>
            <translation>SQLite 数据库所在的文件夹 {path} 不存在。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/db.py" line="75" />
            <source>Create the folder first, or correct the path in the URL.</source>
            <translation>请先创建该文件夹，或改正地址中的路径。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/db.py" line="103" />
            <location filename="../../operator_app/sync/engine.py" line="189" />
            <source>Cannot reach the shared database at {where}: {reason}</source>
            <translation>无法连接共享数据库 {where}：{reason}</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/db.py" line="105" />
            <location filename="../../operator_app/sync/engine.py" line="191" />
            <source>Check the network and that the server is running; your work stays in the local cache meanwhile.</source>
            <translation>请检查网络以及服务器是否在运行；在此期间，你的工作会保存在本机缓存中。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/migrate.py" line="50" />
            <source>The database was upgraded by a newer version of Operator Desk (schema {current}; this app knows up to {head}).</source>
            <translation>该数据库已被更新版本的私域工作台升级（结构版本 {current}，本程序最高支持 {head}）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/migrate.py" line="53" />
            <source>Install the latest Operator Desk; nothing was changed in the database.</source>
            <translation>请安装最新版私域工作台；数据库未做任何改动。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/seed.py" line="215" />
            <source>The shared database already holds a team.</source>
            <translation>共享数据库中已经有团队了。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/seed.py" line="217" />
            <source>Seed the demo into an empty folder (--data-dir), or add --replace.</source>
            <translation>请把演示数据生成到空文件夹中（--data-dir），或加上 --replace。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/startup.py" line="87" />
            <source>The demo database {path} cannot be deleted ({reason}).</source>
            <translation>无法删除演示数据库 {path}（{reason}）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/startup.py" line="88" />
            <source>Close any other Operator Desk window using the demo and retry.</source>
            <translation>请关闭其他正在使用演示数据的私域工作台窗口，然后重试。</translation>
        </message>
        <message>
            <location filename="../../operator_app/context.py" line="133" />
            <source>No one is signed in on this PC.</source>
            <translation>这台电脑上还没有人登录。</translation>
        </message>
        <message>
            <location filename="../../operator_app/context.py" line="134" />
            <source>Choose who you are with --operator LOGIN (or in the app).</source>
            <translation>用 --operator 账号（或在应用里）选择你是谁。</translation>
        </message>
        <message>
            <location filename="../../operator_app/context.py" line="140" />
            <source>This PC has no data for {login} yet and the shared database is offline.</source>
            <translation>这台电脑上还没有 {login} 的数据，而共享数据库现在连不上。</translation>
        </message>
        <message>
            <location filename="../../operator_app/context.py" line="142" />
            <source>Connect to the network and start again.</source>
            <translation>请连上网络后重新启动。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/lead_list.py" line="363" />
            <location filename="../../operator_app/data/workspace.py" line="232" />
            <source>This customer is no longer in your list.</source>
            <translation>这位客户已不在你的名单里。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/lead_list.py" line="364" />
            <location filename="../../operator_app/data/workspace.py" line="233" />
            <source>They may have been reassigned; refresh the list.</source>
            <translation>可能已转交给其他同事；请刷新列表。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace.py" line="268" />
            <source>A custom message needs its text and its purpose.</source>
            <translation>自定义消息需要填写内容和目的。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace.py" line="269" />
            <source>Fill in the message and what it is for, then save again.</source>
            <translation>请填写消息内容和发送目的，然后再保存。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace.py" line="292" />
            <source>A note cannot be empty.</source>
            <translation>备注不能为空。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace.py" line="293" />
            <source>Type the note, then save again.</source>
            <translation>请输入备注内容，然后再保存。</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_import.py" line="76" />
            <source>--map takes FIELD=COLUMN, not '{item}'.</source>
            <translation>--map 的格式是 字段=列名，而不是“{item}”。</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_import.py" line="77" />
            <source>For example: --map phone=联系电话</source>
            <translation>例如：--map phone=联系电话</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_import.py" line="99" />
            <source>The rejected rows could not be saved to {path} ({reason}).</source>
            <translation>未通过的行无法保存到 {path}（{reason}）。</translation>
        </message>
        <message>
            <source>Choose another place with --report PATH.</source>
            <translation type="vanished">请用 --report 路径 换一个保存位置。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/distribution.py" line="141" />
            <source>No active operator in this team has the login {logins}.</source>
            <translation>本团队没有账号为 {logins} 的在职人员。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/distribution.py" line="142" />
            <source>Check the spelling; the team's operators are: {known}.</source>
            <translation>请检查拼写；本团队的人员有：{known}。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/distribution.py" line="176" />
            <source>The chosen operators all have a capacity of 0.</source>
            <translation>所选人员的可服务客户数都是 0。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/distribution.py" line="177" />
            <source>Give them a capacity first, or choose other operators.</source>
            <translation>请先为他们设置可服务客户数，或选择其他人员。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="225" />
            <source>'{field}' is not a column an import can fill.</source>
            <translation>“{field}”不是导入可以填写的字段。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="226" />
            <source>Use one of: {fields}.</source>
            <translation>可用的字段有：{fields}。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="233" />
            <source>The file has no column named '{header}'.</source>
            <translation>文件中没有名为“{header}”的列。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="234" />
            <source>Its columns are: {headers}.</source>
            <translation>文件中的列有：{headers}。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="255" />
            <source>The column '{header}' is chosen for both {first} and {second}.</source>
            <translation>“{header}”这一列同时被选作{first}和{second}。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="256" />
            <source>Choose one column per field.</source>
            <translation>每个字段只能选一列。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="315" />
            <source>{name} is an old-format Excel file (.xls) or a password-protected one.</source>
            <translation>{name} 是旧版 Excel 文件（.xls）或设有密码。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="316" />
            <source>Open it in Excel and save it as .xlsx (without a password) or CSV.</source>
            <translation>请在 Excel 中打开，另存为 .xlsx（不设密码）或 CSV。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="323" />
            <source>{name} has column headers but no data rows.</source>
            <translation>{name} 只有表头，没有数据行。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="324" />
            <source>Check that you chose the right file or sheet.</source>
            <translation>请确认选对了文件或工作表。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="363" />
            <source>The file {path} does not exist.</source>
            <translation>文件 {path} 不存在。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="366" />
            <source>The file {path} cannot be read ({reason}).</source>
            <translation>无法读取文件 {path}（{reason}）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="367" />
            <source>Close it in other programs (Excel locks open files) and try again.</source>
            <translation>请在其他程序中关闭它（Excel 会锁定打开的文件）后重试。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="372" />
            <location filename="../../operator_app/core/import_files.py" line="377" />
            <source>{name} is empty.</source>
            <translation>{name} 是空文件。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="458" />
            <source>The file is neither a readable CSV text file nor an .xlsx workbook.</source>
            <translation>这个文件既不是可读取的 CSV 文本，也不是 .xlsx 工作簿。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="460" />
            <source>Export the data from Excel or the shop backend as CSV (UTF-8 or GBK) or .xlsx.</source>
            <translation>请从 Excel 或店铺后台导出为 CSV（UTF-8 或 GBK）或 .xlsx。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="582" />
            <source>{name} looks like a zip archive but is not an Excel workbook.</source>
            <translation>{name} 像是压缩包，但不是 Excel 工作簿。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="583" />
            <source>Open it in Excel and save it as .xlsx or CSV.</source>
            <translation>请在 Excel 中打开，另存为 .xlsx 或 CSV。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_coupons.py" line="157" />
            <location filename="../../operator_app/core/importing.py" line="141" />
            <source>No column of the file was recognised as '{label}' ({field}).</source>
            <translation>文件中没有识别出“{label}”（{field}）这一列。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_coupons.py" line="158" />
            <location filename="../../operator_app/core/importing.py" line="142" />
            <source>Choose that column in the mapping. The file's columns: {headers}.</source>
            <translation>请在列对应中手动选择。文件中的列：{headers}。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/cache.py" line="108" />
            <source>This PC's local cache was written by a newer Operator Desk.</source>
            <translation>这台电脑的本地缓存是由更新版本的私域工作台写入的。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/cache.py" line="109" />
            <source>Install the latest Operator Desk; the cache was left untouched.</source>
            <translation>请安装最新版私域工作台；本地缓存未被改动。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/import_base.py" line="75" />
            <source>Another import or a colleague added some of the same records just now.</source>
            <translation>另一次导入或同事刚刚添加了部分相同的记录。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/import_base.py" line="76" />
            <source>Nothing was imported. Run the import again: it skips what already exists.</source>
            <translation>本次没有导入任何数据。请重新导入：已存在的记录会被自动跳过。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/importing.py" line="94" />
            <source>There is no team named '{name}'.</source>
            <translation>没有名为“{name}”的团队。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/importing.py" line="95" />
            <source>Teams in this database: {teams}.</source>
            <translation>数据库中的团队有：{teams}。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/importing.py" line="101" />
            <source>The shared database has no team yet.</source>
            <translation>共享数据库中还没有团队。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/importing.py" line="102" />
            <source>Create the team and its operators first (or run seed-demo to try).</source>
            <translation>请先创建团队及其人员（或运行 seed-demo 体验演示数据）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/importing.py" line="106" />
            <source>The shared database holds several teams.</source>
            <translation>共享数据库中有多个团队。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/importing.py" line="107" />
            <source>Say which one with --team NAME: {teams}.</source>
            <translation>请用 --team 团队名 指定一个：{teams}。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/importing.py" line="121" />
            <source>A team setting cannot be used: {reason}</source>
            <translation>有一项团队设置无法使用：{reason}</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/importing.py" line="122" />
            <source>Correct it in the team settings.</source>
            <translation>请在团队设置中更正。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/lead_moves.py" line="162" />
            <source>Leads can only go to an active operator.</source>
            <translation>线索只能分配给在职人员。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/lead_moves.py" line="163" />
            <source>Choose someone who is still on the team, or the pool.</source>
            <translation>请选择仍在团队中的人员，或放回公海。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/lead_moves.py" line="171" />
            <source>Some of these leads belong to another team.</source>
            <translation>其中部分线索属于其他团队。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/lead_moves.py" line="172" />
            <source>Leads can only move within their team.</source>
            <translation>线索只能在本团队内转交。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/lead_moves.py" line="317" />
            <source>Choose someone else to take over the leads.</source>
            <translation>请选择其他人来接手这些线索。</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_report.py" line="143" />
            <location filename="../../operator_app/export.py" line="45" />
            <source>Cannot write {path}: {reason}</source>
            <translation>无法写入 {path}：{reason}</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_report.py" line="145" />
            <location filename="../../operator_app/export.py" line="46" />
            <source>Close the file if it is open in Excel, or choose another folder.</source>
            <translation>如果文件正在 Excel 中打开，请先关闭；或者换一个文件夹。</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_report.py" line="65" />
            <source>{option} takes a date like 2026-11-20, not '{value}'.</source>
            <translation>{option} 需要 2026-11-20 这样的日期，而不是“{value}”。</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_report.py" line="75" />
            <source>The period ends before it starts ({first} to {last}).</source>
            <translation>结束日期早于开始日期（{first} 至 {last}）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_report.py" line="76" />
            <source>Swap --from and --to.</source>
            <translation>请对调 --from 和 --to。</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_report.py" line="107" />
            <source>An .xlsx report needs --output PATH.</source>
            <translation>导出 .xlsx 需要用 --output 指定文件路径。</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_import.py" line="142" />
            <source>Only team leads and admins import and distribute customers.</source>
            <translation>只有组长和管理员可以导入和分配客户。</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_import.py" line="143" />
            <location filename="../../operator_app/cli_recycle.py" line="43" />
            <source>Ask your team lead, or sign in with --operator as a team lead.</source>
            <translation>请联系组长，或用 --operator 以组长身份登录。</translation>
        </message>
        <message>
            <location filename="../../operator_app/context.py" line="70" />
            <source>Nobody with the login '{login}' is in the team's database.</source>
            <translation>团队数据库中没有账号为“{login}”的人员。</translation>
        </message>
        <message>
            <location filename="../../operator_app/context.py" line="71" />
            <source>Check the spelling, or ask your team lead for your login.</source>
            <translation>请检查拼写，或向组长确认你的账号。</translation>
        </message>
        <message>
            <location filename="../../operator_app/context.py" line="151" />
            <source>This PC's cache holds work of another person not yet sent.</source>
            <translation>这台电脑的本地缓存里有另一位同事尚未同步的记录。</translation>
        </message>
        <message>
            <location filename="../../operator_app/context.py" line="153" />
            <source>Sign in once as that person while the shared database is reachable, so their work is sent; or give {login} a data folder of their own (--data-dir).</source>
            <translation>请在能连上共享数据库时以那位同事的身份登录一次，让其记录同步上去；或为 {login} 另设一个数据文件夹（--data-dir）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/roles.py" line="151" />
            <source>'{login}' cannot be a database login.</source>
            <translation>'{login}' 不能用作数据库登录名。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/roles.py" line="157" />
            <source>'{login}' is one of Operator Desk's group roles, not a person.</source>
            <translation>'{login}' 是 Operator Desk 的用户组角色，不是个人账号。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/roles.py" line="166" />
            <source>'{role}' is not a role.</source>
            <translation>'{role}' 不是有效的角色。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/roles.py" line="146" />
            <source>A login cannot be empty or begin or end with spaces.</source>
            <translation>登录名不能为空，首尾也不能有空格。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/roles.py" line="254" />
            <location filename="../../operator_app/sync/roles.py" line="260" />
            <source>A person needs an ordinary login; choose another login.</source>
            <translation>个人账号必须是普通登录名，请换一个登录名。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/credentials.py" line="94" />
            <source>Check the password with your admin, and that the server is reachable.</source>
            <translation>请向管理员核对密码，并确认服务器可以连接。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/roles.py" line="176" />
            <source>Check the spelling of the login.</source>
            <translation>请检查登录名的拼写。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/roles.py" line="158" />
            <source>Choose another login.</source>
            <translation>请换一个登录名。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/credentials.py" line="93" />
            <source>Could not sign in to the shared database as {login}: {reason}</source>
            <translation>无法以 {login} 登录共享数据库：{reason}</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/roles.py" line="147" />
            <source>Give the login exactly as the person will type it.</source>
            <translation>请按本人登录时输入的样子填写登录名。</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_admin.py" line="54" />
            <source>No password was given.</source>
            <translation>没有输入密码。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/roles.py" line="175" />
            <source>Nobody with the login '{login}' is in the shared database.</source>
            <translation>共享数据库中没有登录名为 '{login}' 的人员。</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_admin.py" line="114" />
            <source>Only a PostgreSQL shared database has personal passwords.</source>
            <translation>只有 PostgreSQL 共享数据库才有个人密码。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/roles.py" line="230" />
            <source>Run the command with --shared-url as an admin with CREATEROLE.</source>
            <translation>请通过 --shared-url 使用具有 CREATEROLE 权限的管理员账号运行此命令。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/roles.py" line="253" />
            <source>The database role '{login}' is a superuser or bypasses row security.</source>
            <translation>数据库角色 '{login}' 是超级用户或可绕过行级安全。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/credentials.py" line="53" />
            <source>The password store (keyring) refused the request ({reason}).</source>
            <translation>密码库（钥匙串）拒绝了请求（{reason}）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/roles.py" line="94" />
            <source>The person's name cannot be empty.</source>
            <translation>人员姓名不能为空。</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_admin.py" line="119" />
            <source>The shared URL must sign in with your own login.</source>
            <translation>共享数据库地址必须使用你本人的登录名。</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_admin.py" line="115" />
            <source>This PC uses an SQLite shared database: there is nothing to remember.</source>
            <translation>这台电脑使用的是 SQLite 共享数据库，无需保存密码。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/credentials.py" line="45" />
            <source>This computer has no password store (keyring) Operator Desk can use.</source>
            <translation>这台电脑上没有 Operator Desk 可用的密码库（钥匙串）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/roles.py" line="229" />
            <source>This database account may not create or change logins ({reason}).</source>
            <translation>此数据库账号无权创建或修改登录名（{reason}）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_admin.py" line="55" />
            <source>Type it when asked, or give it on standard input.</source>
            <translation>请在提示时输入，或通过标准输入提供。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/credentials.py" line="54" />
            <source>Unlock your keyring (sign in to the desktop session) and try again.</source>
            <translation>请解锁密码库（登录桌面会话）后重试。</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_admin.py" line="121" />
            <source>Use --operator LOGIN with --shared-url postgresql://LOGIN@server:5432/database.</source>
            <translation>请同时使用 --operator LOGIN 和 --shared-url postgresql://LOGIN@server:5432/database。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/roles.py" line="152" />
            <source>Use at most 63 bytes (21 Chinese characters), not starting with pg_.</source>
            <translation>最多 63 个字节（21 个汉字），且不能以 pg_ 开头。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/roles.py" line="167" />
            <source>Use one of: {roles}.</source>
            <translation>请使用以下之一：{roles}。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/credentials.py" line="47" />
            <source>Windows and macOS have one built in; on Linux install and unlock GNOME Keyring or KWallet, then run operator-app remember-password again.</source>
            <translation>Windows 和 macOS 自带密码库；在 Linux 上请安装并解锁 GNOME Keyring 或 KWallet，然后重新运行 operator-app remember-password。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/engine.py" line="104" />
            <source>The shared database is too old for sync (schema {current}).</source>
            <translation>共享数据库的版本太旧，无法同步（结构版本 {current}）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/engine.py" line="93" />
            <source>This PC signs in to the database as '{login}' but works as '{person}'.</source>
            <translation>这台电脑以 '{login}' 登录数据库，但当前使用者是 '{person}'。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/engine.py" line="95" />
            <source>Use your own database login in the shared URL (postgresql://{person}@…).</source>
            <translation>请在共享数据库地址中使用你自己的数据库登录名（postgresql://{person}@…）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_recycle.py" line="42" />
            <source>Only team leads and admins return customers to the pool.</source>
            <translation>只有组长和管理员可以把客户收回公海。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/lead_moves.py" line="355" />
            <source>Choose at least one colleague to take over the leads.</source>
            <translation>请至少选择一位同事来接手这些线索。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace.py" line="358" />
            <location filename="../../operator_app/data/workspace.py" line="411" />
            <source>{name} is already your WeCom friend.</source>
            <translation>{name} 已经是你的企微好友。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace.py" line="359" />
            <source>No friend request is needed; pick the suggested hook instead.</source>
            <translation>无需再发好友申请，请按建议的钩子跟进。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace_tags.py" line="32" />
            <source>A tag needs a name.</source>
            <translation>标签名不能为空。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace_tags.py" line="33" />
            <source>Type the tag, then press Enter.</source>
            <translation>输入标签名后按回车。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace_tags.py" line="37" />
            <source>A tag can be at most {limit} characters long.</source>
            <translation>标签最多 {limit} 个字。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace_tags.py" line="38" />
            <source>Shorten it; longer remarks belong in a note.</source>
            <translation>请缩短一些；较长的说明请写在备注里。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace_tags.py" line="99" />
            <source>“{name}” is a rule tag: the team's rule sets it.</source>
            <translation>“{name}”是规则标签，由团队规则自动设置。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace_tags.py" line="100" />
            <source>Choose another name for your own tag.</source>
            <translation>请给自己的标签换个名字。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace_tags.py" line="105" />
            <source>The tag “{name}” was removed by your team lead.</source>
            <translation>标签“{name}”已被组长删除。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace_tags.py" line="106" />
            <source>Choose another name, or ask your team lead to restore it.</source>
            <translation>请换个名字，或请组长恢复这个标签。</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_cancel.py" line="21" />
            <source>cancelled; nothing was written</source>
            <translation>已取消；没有写入任何内容</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_cancel.py" line="22" />
            <source>cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <location filename="../../operator_app/cli_import.py" line="100" />
            <source>Choose another place with --rejects PATH.</source>
            <translation>请用 --rejects PATH 换一个保存位置。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="350" />
            <source>{name} is not a real Excel file: it holds text, not a workbook.</source>
            <translation>{name} 不是真正的 Excel 文件：里面是文本，不是工作簿。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_files.py" line="352" />
            <source>Open the original in Excel or WPS and save it as .xlsx; if it is a CSV export, rename it to .csv.</source>
            <translation>请用 Excel 或 WPS 打开原文件另存为 .xlsx；如果它其实是 CSV 导出文件，请把扩展名改为 .csv。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_templates.py" line="71" />
            <source>There is no import template for '{kind}'.</source>
            <translation>没有“{kind}”的导入模板。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_templates.py" line="72" />
            <source>Use one of: {kinds}.</source>
            <translation>请使用以下之一：{kinds}。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_templates.py" line="119" />
            <source>The template could not be saved to {path} ({reason}).</source>
            <translation>模板无法保存到 {path}（{reason}）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/core/import_templates.py" line="120" />
            <source>Choose another folder, or close the file if it is open in Excel.</source>
            <translation>请换一个文件夹；如果该文件正在 Excel 中打开，请先关闭。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace.py" line="412" />
            <source>Nothing to mark; pick the suggested hook instead.</source>
            <translation>无需再标记；请按建议的钩子继续跟进。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace_coupons.py" line="32" />
            <source>A coupon's amount must be more than ¥0 and at most ¥{limit}.</source>
            <translation>优惠券金额必须大于 ¥0，且不超过 ¥{limit}。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace_coupons.py" line="33" />
            <source>Correct the amount, then save again.</source>
            <translation>改正金额后再保存。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace_coupons.py" line="38" />
            <source>A coupon is valid for 1 to {limit} days.</source>
            <translation>优惠券的有效期为 1 到 {limit} 天。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/workspace_coupons.py" line="39" />
            <source>Correct the number of days, then save again.</source>
            <translation>改正天数后再保存。</translation>
        </message>
        <message>
            <location filename="../../operator_app/sync/roles.py" line="259" />
            <source>The database role '{login}' is also a member of {roles}.</source>
            <translation>数据库角色“{login}”还是 {roles} 的成员。</translation>
        </message>
    </context>
    <context>
        <name>LeadDetailView</name>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="189" />
            <source>Timeline</source>
            <translation>时间线</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="190" />
            <source>Orders &amp;&amp; coupons</source>
            <translation>订单与优惠券</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="191" />
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="208" />
            <source>Show number</source>
            <translation>显示号码</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="211" />
            <source>Show the full phone number. Each look is recorded in the customer's history.</source>
            <translation>显示完整手机号。每次查看都会记入客户的时间线。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="217" />
            <source>Lifecycle stage</source>
            <translation>客户阶段</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="221" />
            <source>Opted out</source>
            <translation>已拒绝打扰</translation>
        </message>
        <message>
            <source>{mark} marks a rule tag: set automatically by a team rule.</source>
            <translation type="vanished">带 {mark} 的是规则标签：由团队规则自动打上。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="226" />
            <source>Add tag…</source>
            <translation>添加标签…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="230" />
            <source>Add tag ({keys})</source>
            <translation>添加标签（{keys}）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="266" />
            <source>Orders</source>
            <translation>订单</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="268" />
            <source>Coupons</source>
            <translation>优惠券</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="296" />
            <source>Choose a customer in the list.</source>
            <translation>请在左侧列表中选择一位客户。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="355" />
            <source>No notes yet.</source>
            <translation>还没有备注。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="366" />
            <source>Owner: {name}</source>
            <translation>负责人：{name}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="369" />
            <source>Birthday {month}/{day}</source>
            <translation>生日 {month}月{day}日</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="377" />
            <source>Friend request not sent</source>
            <translation>未发好友申请</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="378" />
            <source>Friend request pending</source>
            <translation>好友申请待通过</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="379" />
            <source>WeCom friend</source>
            <translation>已是企微好友</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="387" />
            <source>No open hook: nothing to contact this customer about now.</source>
            <translation>暂无钩子：现在没有联系这位客户的理由。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="392" />
            <source>waiting until {when}</source>
            <translation>等到 {when}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="397" />
            <source>{rate}% (prior)</source>
            <translation>{rate}%（先验）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="399" />
            <source>too few sends (n={n})</source>
            <translation>样本不足（n={n}）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="401" />
            <source>{rate}% (n={n})</source>
            <translation>{rate}%（n={n}）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="402" />
            <source>Suggested: {hook} · {when} · expected reply {rate}</source>
            <translation>建议：{hook} · {when} · 预计回复率 {rate}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="408" />
            <source>Agreed: {note}</source>
            <translation>约定内容：{note}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="414" />
            <source>Also open: {hooks}</source>
            <translation>其他待跟进：{hooks}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="419" />
            <source>Last contact: {when}</source>
            <translation>上次联系：{when}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="422" />
            <source>Next follow-up: {when}</source>
            <translation>下次跟进：{when}</translation>
        </message>
    </context>
    <context>
        <name>LeadListModel</name>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="61" />
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="62" />
            <source>Phone</source>
            <translation>手机号</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="63" />
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="64" />
            <source>Stage</source>
            <translation>阶段</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="65" />
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="66" />
            <source>Tags</source>
            <translation>标签</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="67" />
            <source>WeCom friend</source>
            <translation>好友</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="68" />
            <source>Last contact</source>
            <translation>上次联系</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="69" />
            <source>Next follow-up</source>
            <translation>下次跟进</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="83" />
            <source>Not sent</source>
            <translation>未申请</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="84" />
            <source>Pending</source>
            <translation>待通过</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="85" />
            <source>Friends</source>
            <translation>已添加</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="211" />
            <source>Pool</source>
            <translation>公海</translation>
        </message>
    </context>
    <context>
        <name>LeadsDialogs</name>
        <message>
            <location filename="../../operator_app/ui/leads_dialogs.py" line="33" />
            <source>{name} ({login}): %n customer(s)</source>
            <translation>{name}（{login}）：%n 位客户</translation>
        </message>
    </context>
    <context>
        <name>LeadsPage</name>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="154" />
            <source>All customers</source>
            <translation>全部客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="154" />
            <source>Pool</source>
            <translation>公海</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="154" />
            <source>Returning soon</source>
            <translation>即将回收</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="186" />
            <source>Name or last digits of the phone (Ctrl+F)</source>
            <translation>搜索姓名或手机尾号 (Ctrl+F)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="187" />
            <source>Search customers</source>
            <translation>搜索客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="188" />
            <source>Stage</source>
            <translation>阶段</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="189" />
            <source>Tag</source>
            <translation>标签</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="190" />
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="191" />
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="140" />
            <source>Find</source>
            <translation>查找</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="231" />
            <source>Customers</source>
            <translation>客户列表</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="368" />
            <source>All stages</source>
            <translation>全部阶段</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="369" />
            <source>All tags</source>
            <translation>全部标签</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="370" />
            <source>All channels</source>
            <translation>全部渠道</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="374" />
            <source>{name} (left)</source>
            <translation>{name}（已离职）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="378" />
            <source>Pool (unassigned)</source>
            <translation>公海（未分配）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="379" />
            <source>All owners</source>
            <translation>全部负责人</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_page.py" line="380" />
            <source>Pool (%n)</source>
            <translation>
                <numerusform>公海 (%n)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_page.py" line="419" />
            <source>%n customer(s)</source>
            <translation>
                <numerusform>共 %n 位客户</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_page.py" line="540" />
            <source>Only the customer's owner changes their tags; reassign them first.</source>
            <translation>只有客户的负责人可以修改标签；请先把客户转给自己。</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_page.py" line="593" />
            <source>Returning soon (%n)</source>
            <translation>
                <numerusform>即将回收 (%n)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>LeaverDialog</name>
        <message>
            <location filename="../../operator_app/ui/leads_dialogs.py" line="108" />
            <source>Operator leaves</source>
            <translation>员工离职</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_dialogs.py" line="113" />
            <source>Who leaves</source>
            <translation>离职员工</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_dialogs.py" line="114" />
            <source>&amp;Hand over to one colleague</source>
            <translation>交给一位同事(&amp;H)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_dialogs.py" line="115" />
            <source>&amp;Share among the others by capacity</source>
            <translation>按容量分给其他在职同事(&amp;S)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_dialogs.py" line="116" />
            <source>Return to the &amp;pool</source>
            <translation>转回公海(&amp;P)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_dialogs.py" line="122" />
            <source>Receiving operator</source>
            <translation>接手员工</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_dialogs.py" line="139" />
            <source>&amp;Who leaves:</source>
            <translation>离职员工(&amp;W)：</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_dialogs.py" line="142" />
            <source>Their customers go to:</source>
            <translation>名下客户转给：</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_dialogs.py" line="177" />
            <source>Choose who leaves and who takes over.</source>
            <translation>请选择离职员工和接手人。</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_dialogs.py" line="179" />
            <source>Confirm: move %n customer(s)</source>
            <translation>
                <numerusform>确认转移 %n 位客户</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_dialogs.py" line="189" />
            <source>All %n customer(s) of {name} return to the pool.
{name} is marked as left and can no longer be given customers.</source>
            <translation>
                <numerusform>{name} 名下的 %n 位客户将全部转回公海。
{name} 将标记为已离职，之后不能再分配客户。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_dialogs.py" line="196" />
            <source>All %n customer(s) of {name} go to {to}.
{name} is marked as left and can no longer be given customers.</source>
            <translation>
                <numerusform>{name} 名下的 %n 位客户将全部交给 {to}。
{name} 将标记为已离职，之后不能再分配客户。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_dialogs.py" line="202" />
            <source>All %n customer(s) of {name} are shared among {to} by capacity.
{name} is marked as left and can no longer be given customers.</source>
            <translation>
                <numerusform>{name} 名下的 %n 位客户将按容量分给 {to}。
{name} 将标记为已离职，之后不能再分配客户。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>All %n customer(s) of {name} return to the pool.</source>
            <translation type="vanished">
                <numerusform>{name} 名下的 %n 位客户将全部转回公海。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>All %n customer(s) of {name} go to {to}.</source>
            <translation type="vanished">
                <numerusform>{name} 名下的 %n 位客户将全部交给 {to}。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>All %n customer(s) of {name} are shared among {to} by capacity.</source>
            <translation type="vanished">
                <numerusform>{name} 名下的 %n 位客户将按容量分给 {to}。</numerusform>
            </translation>
        </message>
        <message>
            <source>, </source>
            <translation type="vanished">、</translation>
        </message>
        <message>
            <source>{name} is marked as left and can no longer be given customers.</source>
            <translation type="vanished">{name} 将标记为已离职，之后不能再分配客户。</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="132" />
            <source>Pages</source>
            <translation>页面</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="154" />
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="160" />
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="166" />
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="180" />
            <source>&amp;Actions</source>
            <translation>操作(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="185" />
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="188" />
            <source>&amp;About Operator Desk</source>
            <translation>关于私域工作台(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="202" />
            <source>Operator Desk — demo data</source>
            <translation>私域工作台 — 演示数据</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="204" />
            <source>Operator Desk</source>
            <translation>私域工作台</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="279" />
            <source>About Operator Desk</source>
            <translation>关于私域工作台</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="348" />
            <source>Your customers are not on this PC yet: choose who you are, and connect to the shared database once to load them.</source>
            <translation>你的客户还没有载入这台电脑：请先选择你是谁，并连接一次共享数据库来载入。</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/main_window.py" line="450" />
            <source>%n customer(s) whose friend request was never accepted went back to the pool.</source>
            <translation>
                <numerusform>%n 位客户好友申请超时未通过，已回收到公海。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="530" />
            <source>Sync now</source>
            <translation>立即同步</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="533" />
            <source>Sync now ({keys})</source>
            <translation>立即同步（{keys}）</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/main_window.py" line="571" />
            <source>%n customer(s) moved to another colleague or back to the pool: {names}</source>
            <translation>
                <numerusform>%n 位客户已转给其他同事或退回公海：{names}</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="580" />
            <source>{what}: {reason}</source>
            <translation>{what}：{reason}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="584" />
            <source>; </source>
            <translation>；</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/main_window.py" line="586" />
            <source>%n record(s) could not be saved to the shared database ({details}). They are kept on this PC in the sync log; your admin can look at them there.</source>
            <translation>
                <numerusform>%n 条记录未能保存到共享数据库（{details}）。这些记录仍保留在本机的同步日志中，管理员可以在那里查看。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="596" />
            <source>a contact record</source>
            <translation>联系记录</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="597" />
            <source>a customer change</source>
            <translation>客户资料修改</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="598" />
            <source>a tag change</source>
            <translation>标签修改</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="275" />
            <source>Operator Desk {version}

A desktop workspace for private-domain operators and their team leads: who to contact, why, and what to say.</source>
            <translation>私域工作台 {version}

为私域运营和组长打造的桌面工作台：该联系谁、为什么联系、说什么。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="310" />
            <source>An unexpected error occurred.</source>
            <translation>发生了意外错误。</translation>
        </message>
    </context>
    <context>
        <name>MappingStep</name>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="108" />
            <source>Columns</source>
            <translation>列对应</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="113" />
            <source>What the check found</source>
            <translation>检查结果</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="134" />
            <source>Only rows with a &amp;problem</source>
            <translation>只看有问题的行(&amp;P)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="140" />
            <source>The file's rows</source>
            <translation>文件内容</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="194" />
            <source>(do not import)</source>
            <translation>（不导入）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="199" />
            <source>For example: {sample}</source>
            <translation>例如：{sample}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="207" />
            <source>Required</source>
            <translation>必填</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="219" />
            <source>Checked against the shared database. Nothing is written yet.</source>
            <translation>已对照共享数据库检查，尚未写入任何内容。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="222" />
            <source>There is nothing new to import: every row is a customer already or cannot be imported.</source>
            <translation>没有可导入的新客户：每一行都已是现有客户，或无法导入。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="226" />
            <source>There is nothing to import: no new coupons and none newly used.</source>
            <translation>没有可导入的内容：没有新的优惠券，也没有新使用的优惠券。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="228" />
            <source>There is nothing to import: no new or changed orders.</source>
            <translation>没有可导入的内容：没有新的或有变化的订单。</translation>
        </message>
    </context>
    <context>
        <name>MoveBar</name>
        <message>
            <location filename="../../operator_app/ui/leads_moves.py" line="91" />
            <source>Reassign to…</source>
            <translation>转给…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_moves.py" line="93" />
            <location filename="../../operator_app/ui/leads_moves.py" line="204" />
            <source>Back to the pool</source>
            <translation>转回公海</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_moves.py" line="95" />
            <source>Operator leaves…</source>
            <translation>员工离职…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_moves.py" line="96" />
            <source>Undo</source>
            <translation>撤销</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_moves.py" line="144" />
            <source>the shared database cannot be reached</source>
            <translation>连不上共享数据库</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_moves.py" line="145" />
            <source>Offline: customers cannot be moved now ({reason}).</source>
            <translation>离线：现在不能转移客户（{reason}）。</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_moves.py" line="157" />
            <source>%n selected</source>
            <translation>
                <numerusform>已选 %n 位</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_moves.py" line="192" />
            <source>%n customer(s) returned to the pool.</source>
            <translation>
                <numerusform>已将 %n 位客户转回公海。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_moves.py" line="193" />
            <source>%n customer(s) given to {name}.</source>
            <translation>
                <numerusform>已将 %n 位客户转给 {name}。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_moves.py" line="205" />
            <source>Return the %n selected customer(s) to the pool?</source>
            <translation>
                <numerusform>把选中的 %n 位客户转回公海？</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_moves.py" line="241" />
            <source>{name} has left: %n customer(s) handed over.</source>
            <translation>
                <numerusform>{name} 已离职：%n 位客户已交接。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_moves.py" line="269" />
            <source>Undone: %n customer(s) back with their former owner; {moved} other(s) had moved again since and stay where they are. Friend requests the move cancelled must be sent again.</source>
            <translation>
                <numerusform>已撤销：%n 位客户回到原负责人名下；另有 {moved} 位之后又被转移过，保持不变。转移时取消的好友申请不会恢复，需要重新发送。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_moves.py" line="277" />
            <source>Undone: %n customer(s) back with their former owner; {moved} other(s) had moved again since and stay where they are.</source>
            <translation>
                <numerusform>已撤销：%n 位客户回到原负责人名下；另有 {moved} 位之后又被转移过，保持不变。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_moves.py" line="284" />
            <source>Undone: %n customer(s) back with their former owner. Friend requests the move cancelled must be sent again.</source>
            <translation>
                <numerusform>已撤销：%n 位客户回到原负责人名下。转移时取消的好友申请不会恢复，需要重新发送。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_moves.py" line="290" />
            <source>Undone: %n customer(s) back with their former owner.</source>
            <translation>
                <numerusform>已撤销：%n 位客户回到原负责人名下。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>NoteDialog</name>
        <message>
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="197" />
            <source>Note on {name}</source>
            <translation>给 {name} 写备注</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="202" />
            <source>What you want to remember about this customer</source>
            <translation>关于这位客户，你想记住什么</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="204" />
            <source>Note</source>
            <translation>备注</translation>
        </message>
    </context>
    <context>
        <name>NoticeBar</name>
        <message>
            <location filename="../../operator_app/ui/status.py" line="250" />
            <source>Dismiss</source>
            <translation>知道了</translation>
        </message>
    </context>
    <context>
        <name>OperatorPickerDialog</name>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="117" />
            <source>Who is using this PC?</source>
            <translation>谁在使用这台电脑？</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="129" />
            <source>Search by name or login</source>
            <translation>按姓名或账号搜索</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="136" />
            <source>Use this person</source>
            <translation>使用此账号</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="141" />
            <source>Loading the list of people…</source>
            <translation>正在读取人员名单…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="171" />
            <source>Choose who uses this PC now. Work not yet sent is sent first, as the person who did it.</source>
            <translation>请选择现在使用这台电脑的人。尚未同步的工作会先以原操作人的身份发送。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="176" />
            <source>The login '{login}' is not in the shared database. Choose yourself below.</source>
            <translation>共享数据库中没有账号“{login}”，请在下方选择你自己。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="178" />
            <source>Choose yourself below. This PC will remember your choice.</source>
            <translation>请在下方选择你自己，这台电脑会记住你的选择。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="190" />
            <source>There is nobody in the shared database yet. Ask your admin to add your team, or try the demo with: operator-app --demo</source>
            <translation>共享数据库中还没有任何人员。请让管理员添加你的团队，或用 operator-app --demo 试用演示数据。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="200" />
            <source>The list of people could not be read.</source>
            <translation>无法读取人员名单。</translation>
        </message>
    </context>
    <context>
        <name>OperatorShareModel</name>
        <message>
            <location filename="../../operator_app/ui/import_models.py" line="148" />
            <source>Operator</source>
            <translation>运营</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_models.py" line="149" />
            <source>Capacity</source>
            <translation>可服务客户数</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_models.py" line="150" />
            <source>From owner column</source>
            <translation>按负责人列</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_models.py" line="151" />
            <source>Shared out</source>
            <translation>平均分配</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_models.py" line="152" />
            <source>Total new</source>
            <translation>新客户合计</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_models.py" line="216" />
            <source>{name} ({login})</source>
            <translation>{name}（{login}）</translation>
        </message>
    </context>
    <context>
        <name>OperatorTableModel</name>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="87" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="87" />
            <source>Login</source>
            <translation>账号</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="87" />
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="87" />
            <source>Team</source>
            <translation>团队</translation>
        </message>
    </context>
    <context>
        <name>OrdersModel</name>
        <message>
            <location filename="../../operator_app/ui/detail_models.py" line="135" />
            <source>Order</source>
            <translation>订单号</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/detail_models.py" line="136" />
            <source>Product</source>
            <translation>商品</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/detail_models.py" line="137" />
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/detail_models.py" line="138" />
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/detail_models.py" line="140" />
            <source>Ordered</source>
            <translation>下单时间</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/detail_models.py" line="148" />
            <source>{order_no} (first order)</source>
            <translation>{order_no}（首单）</translation>
        </message>
    </context>
    <context>
        <name>OutcomeBar</name>
        <message>
            <location filename="../../operator_app/ui/outcome_bar.py" line="105" />
            <source>Next follow-up:</source>
            <translation>下次跟进：</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/outcome_bar.py" line="110" />
            <source>Tomorrow</source>
            <translation>明天</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/outcome_bar.py" line="111" />
            <source>In 3 days</source>
            <translation>3 天后</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/outcome_bar.py" line="112" />
            <source>Next week</source>
            <translation>下周</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/outcome_bar.py" line="124" />
            <source>Pick a day and time, then press Set</source>
            <translation>选好日期和时间，再点“设置”</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/outcome_bar.py" line="125" />
            <source>Set</source>
            <translation>设置</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/outcome_bar.py" line="132" />
            <source>Agreed</source>
            <translation>约定内容</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/outcome_bar.py" line="134" />
            <source>Optional: what you agreed with the customer, shown when the follow-up is due</source>
            <translation>可选：与客户约定的内容，到跟进时间时显示</translation>
        </message>
        <message>
            <source>What was agreed (optional)</source>
            <translation type="vanished">约定内容（可选）</translation>
        </message>
    </context>
    <context>
        <name>Pages</name>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="40" />
            <source>Today</source>
            <translation>今日</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="41" />
            <source>Today's to-do list</source>
            <translation>今日待办</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="42" />
            <source>It will list the customers to contact today, each with the hook that gives you a reason, a script to copy, and one click to log what happened.</source>
            <translation>它会列出今天该联系的客户，每位都附上联系的理由（钩子）和可直接复制的话术，沟通结果一键记录。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="52" />
            <source>Leads</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="53" />
            <source>Customer list</source>
            <translation>客户列表</translation>
        </message>
        <message>
            <source>It will list every customer you serve, filter them by stage, tag and channel, and show each customer's contact history.</source>
            <translation type="vanished">它会列出你负责的全部客户，可按阶段、标签和渠道筛选，并查看每位客户的沟通记录。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="54" />
            <source>Every customer you serve, filtered by stage, tag and channel, with each customer's contact history; team leads also see the pool and move customers.</source>
            <translation>你负责的全部客户，可按阶段、标签、渠道筛选，并查看每位客户的跟进记录；组长还可查看公海、转移客户。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="64" />
            <source>Scripts</source>
            <translation>话术</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="65" />
            <source>Script library</source>
            <translation>话术库</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="66" />
            <source>It will show the team's scripts line by line, each with its answers to the three questions (purpose, what the customer will think, the reply you want), ready to copy.</source>
            <translation>它会逐句展示团队的话术，每条话术都附上三问的答案（目的、用户会想什么、希望用户回应什么），方便直接复制。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="77" />
            <source>Performance</source>
            <translation>业绩</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="78" />
            <source>Team performance</source>
            <translation>团队业绩</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="79" />
            <source>It will compare each operator with the team average, show the conversion funnel, and find the script line after which customers stop replying.</source>
            <translation>它会把每位运营与团队平均水平对比，展示转化漏斗，并找出客户在哪一句话术之后不再回复。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="90" />
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="91" />
            <source>Lead import</source>
            <translation>线索导入</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="92" />
            <source>It will import phone numbers in bulk, share them out evenly among operators, and return leads whose friend request was never accepted to the pool.</source>
            <translation>它会批量导入手机号，平均分配给各位运营，并把好友申请长期未通过的线索退回公海重新分配。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="86" />
            <source>My numbers</source>
            <translation>我的数据</translation>
        </message>
    </context>
    <context>
        <name>Performance</name>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="65" />
            <source>Leads</source>
            <translation>分配线索</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="66" />
            <source>Contacted</source>
            <translation>触达客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="67" />
            <source>Messages</source>
            <translation>发送消息</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="68" />
            <source>Reply rate</source>
            <translation>回复率</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="69" />
            <source>First order</source>
            <translation>首单转化率</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="70" />
            <source>WeChat</source>
            <translation>入个微率</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="71" />
            <source>Group</source>
            <translation>入群率</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="72" />
            <source>Repurchase</source>
            <translation>复购率</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="73" />
            <source>Orders</source>
            <translation>订单数</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="74" />
            <source>Revenue</source>
            <translation>销售额</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="75" />
            <source>Avg order</source>
            <translation>客单价</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="78" />
            <source>Leads created in the period that this operator serves now. The team lead decides how many: never coloured against the average.</source>
            <translation>本时段新建、现由该运营负责的线索。数量由组长决定：从不与均值对比着色。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="106" />
            <source>First-order customers (as above) who placed a repeat order so far ÷ first-order customers. The funnel's last step is the same figure.</source>
            <translation>首单客户（同上）中至今再次下单的人数 ÷ 首单客户数。漏斗最后一步是同一个数。</translation>
        </message>
        <message>
            <source>Leads created in the period that this operator serves now.</source>
            <translation type="vanished">本时段新进、现由其负责的线索数。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="83" />
            <source>Customers sent at least one script line or message in the period.</source>
            <translation>本时段至少收到一句话术或一条消息的客户数。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="86" />
            <source>Script lines and custom messages sent in the period.</source>
            <translation>本时段发出的话术句子和自定义消息条数。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="89" />
            <source>Scripts answered ÷ scripts sent. One hook's lines to one customer are one script; it is answered when the customer replies after its first line.</source>
            <translation>有回复的话术 ÷ 发出的话术。同一钩子的几句话术发给同一位客户算一次，首句之后客户有回复即算有回复。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="94" />
            <source>New friends who placed a first order ÷ new friends (customers who arrived in the period and added us).</source>
            <translation>下了首单的新好友 ÷ 新好友（本时段新进并已加好友的客户）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="99" />
            <source>First-order customers who added the personal WeChat ÷ first-order customers.</source>
            <translation>加了个人微信的首单客户 ÷ 首单客户。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="103" />
            <source>First-order customers who joined the group ÷ first-order customers.</source>
            <translation>进了社群的首单客户 ÷ 首单客户。</translation>
        </message>
        <message>
            <source>Customers who placed a repeat order in the period ÷ customers who ordered in the period.</source>
            <translation type="vanished">本时段下了复购订单的客户 ÷ 本时段下单的客户。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="111" />
            <source>Valid orders (not refunded or closed) placed in the period by this operator's customers.</source>
            <translation>其负责的客户在本时段下的有效订单（不含退款、已关闭）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="115" />
            <source>The amount of those orders.</source>
            <translation>这些订单的金额合计。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="116" />
            <source>Revenue ÷ orders.</source>
            <translation>销售额 ÷ 订单数。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="364" />
            <source>Loses most customers</source>
            <translation>流失最多</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="365" />
            <source>Clearly low</source>
            <translation>明显偏低</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="366" />
            <source>Too few sends to judge</source>
            <translation>样本不足</translation>
        </message>
        <message>
            <source>New-customer sales</source>
            <translation type="vanished">新客销售额</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="30" />
            <source>First orders</source>
            <translation>首单数</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="36" />
            <source>First-order value</source>
            <translation>首单客单价</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="29" />
            <source>New friends</source>
            <translation>新好友</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="35" />
            <source>First-order conversion</source>
            <translation>首单转化率</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="32" />
            <source>Packages</source>
            <translation>包裹数</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="26" />
            <source>Sales to new customers</source>
            <translation>新客销售额</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="27" />
            <source>First-order sales</source>
            <translation>首单销售额</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="28" />
            <source>Repeat sales</source>
            <translation>复购销售额</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="31" />
            <source>Customers who bought again</source>
            <translation>复购客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="33" />
            <source>Friend-add rate</source>
            <translation>吸粉率</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="34" />
            <source>Friends from other channels</source>
            <translation>其他渠道新好友</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="37" />
            <source>Repurchase rate</source>
            <translation>复购率</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="38" />
            <source>Repeat sales per customer</source>
            <translation>人均复购金额</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="43" />
            <source>Sales to new customers = first-order sales + repeat sales</source>
            <translation>新客销售额 = 首单销售额 + 复购销售额</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="46" />
            <source>First-order sales = new friends × conversion × first-order value</source>
            <translation>首单销售额 = 新好友 × 首单转化率 × 首单客单价</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="57" />
            <source>Repeat sales = first orders × repurchase rate × repeat sales per customer</source>
            <translation>复购销售额 = 首单数 × 复购率 × 人均复购金额</translation>
        </message>
        <message>
            <source>New-customer sales = first orders × first-order value</source>
            <translation type="vanished">新客销售额 = 首单数 × 首单客单价</translation>
        </message>
        <message>
            <source>First orders = new friends × first-order conversion</source>
            <translation type="vanished">首单数 = 新好友 × 首单转化率</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="49" />
            <source>New friends = packages × friend-add rate + other channels</source>
            <translation>新好友 = 包裹数 × 吸粉率 + 其他渠道</translation>
        </message>
    </context>
    <context>
        <name>PerformancePage</name>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="69" />
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="70" />
            <source>Last 7 days</source>
            <translation>近 7 天</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="71" />
            <source>Last 30 days</source>
            <translation>近 30 天</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="72" />
            <source>Custom</source>
            <translation>自定义</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="158" />
            <source>Team performance</source>
            <translation>团队业绩</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="158" />
            <source>My numbers</source>
            <translation>我的数据</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="160" />
            <location filename="../../operator_app/ui/performance_page.py" line="175" />
            <source>Period</source>
            <translation>时段</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="166" />
            <source>First day</source>
            <translation>开始日期</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="167" />
            <source>Last day</source>
            <translation>结束日期</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="168" />
            <source>to</source>
            <translation>至</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="169" />
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="192" />
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="195" />
            <source>Excel workbook (.xlsx)…</source>
            <translation>Excel 表格（.xlsx）…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="196" />
            <source>CSV for Excel (.csv)…</source>
            <translation>CSV 文件（.csv，Excel 可直接打开）…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="209" />
            <source>Calculating… %p%</source>
            <translation>正在计算… %p%</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="223" />
            <source>Operators against the team average</source>
            <translation>各运营与团队均值对比</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="234" />
            <source>Red: below the team average by 3 points or more (rates) or 10% or more (counts); hover for how far. Grey or pale red: fewer than 20 customers behind the rate. Leads are the team lead's to give: never coloured. Click an operator for their funnel and script lines; click a column to sort.</source>
            <translation>红色：低于团队均值 3 个百分点及以上（比率）或 10% 及以上（数量）；悬停查看差距。灰色或浅红：该比率背后不足 20 位客户。分配线索由组长决定：从不着色。点击运营查看其漏斗与话术；点击列头排序。</translation>
        </message>
        <message>
            <source>Red: below the team average by 3 points or more (rates) or 10% or more (counts); hover for how far. Pale red: fewer than 20 customers behind the rate. Click an operator for their funnel and script lines; click a column to sort.</source>
            <translation type="vanished">标红：比团队均值低 3 个百分点以上（比率）或低 10% 以上（数量、金额），鼠标悬停可看差多少；浅红：该比率背后不足 20 位客户，仅供参考。点选一位运营，下方显示其漏斗和话术；点击列标题可排序。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="243" />
            <source>Your own figures against the team average; colleagues' figures are not shown. Red: below the average by 3 points or more (rates) or 10% or more (counts); hover for how far.</source>
            <translation>这里是你自己的数据和团队均值的对比，看不到其他同事的数据。标红：比均值低 3 个百分点以上（比率）或低 10% 以上（数量、金额），鼠标悬停可看差多少。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="254" />
            <source>How the team total adds up</source>
            <translation>团队合计如何对账</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="261" />
            <source>Show the whole team</source>
            <translation>查看整个团队</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="301" />
            <source>Performance needs the shared database, which is offline now.</source>
            <translation>业绩需要读取共享数据库，目前无法连接。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="392" />
            <source>The figures could not be calculated.</source>
            <translation>数据没能算出来。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="411" />
            <source>{first} to {last} ({days} days, time zone {zone}); compared with {pfirst} to {plast}</source>
            <translation>{first} 至 {last}（共 {days} 天，时区 {zone}）；对比上期 {pfirst} 至 {plast}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="425" />
            <source>This period has not started yet: there is no data.</source>
            <translation>所选时段还没开始，暂无数据。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="427" />
            <source>Nothing happened in this period: there is no data.</source>
            <translation>所选时段内没有任何数据。</translation>
        </message>
        <message>
            <source>New-customer sales {sales} ({change} against the previous period).</source>
            <translation type="vanished">新客销售额 {sales}（较上期 {change}）。</translation>
        </message>
        <message>
            <source>Moved most: {factor} {change}.</source>
            <translation type="vanished">变化最大的是{factor}（{change}）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="448" />
            <source>Funnel and scripts: {name}</source>
            <translation>漏斗与话术：{name}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="450" />
            <source>Funnel and scripts: the whole team</source>
            <translation>漏斗与话术：整个团队</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="452" />
            <source>Your funnel and your script lines</source>
            <translation>你的漏斗和话术</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="549" />
            <source>performance_{first}_{last}</source>
            <translation>业绩_{first}_{last}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="553" />
            <source>Excel workbook (*.xlsx)</source>
            <translation>Excel 表格 (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="553" />
            <source>CSV (*.csv)</source>
            <translation>CSV 文件 (*.csv)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="555" />
            <source>Export the table</source>
            <translation>导出表格</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_page.py" line="583" />
            <source>Saved to {path}</source>
            <translation>已保存到 {path}</translation>
        </message>
    </context>
    <context>
        <name>PerformanceTableModel</name>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="196" />
            <source>Operator</source>
            <translation>运营</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/performance_models.py" line="215" />
            <source>%n point(s) below the team average</source>
            <translation>
                <numerusform>低于均值 %n 个百分点</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="216" />
            <source>{percent}% below the team average</source>
            <translation>低于均值 {percent}%</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="248" />
            <source>Team total</source>
            <translation>团队合计</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="250" />
            <source>Team average</source>
            <translation>团队均值</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="251" />
            <source>{name} (left)</source>
            <translation>{name}（已离职）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="254" />
            <source>The operators' rows added up (rates pooled over their customers). What the team has beyond them is explained under the table.</source>
            <translation>各运营行相加（比率按客户合并计算）。团队超出这些行的部分在表格下方说明。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="259" />
            <source>Has left the team: their customers moved to colleagues, their work stays.</source>
            <translation>已离职：客户已转给同事，之前做的工作仍记在本人名下。</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/performance_models.py" line="311" />
            <source>Based on %n customer(s).</source>
            <translation>
                <numerusform>基于 %n 位客户。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="313" />
            <source>Few customers: read with care.</source>
            <translation>样本较少，仅供参考。</translation>
        </message>
    </context>
    <context>
        <name>PersonSwitch</name>
        <message>
            <location filename="../../operator_app/ui/person_switch.py" line="38" />
            <source>Switch person…</source>
            <translation>切换人员…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/person_switch.py" line="48" />
            <source>Switching person needs the shared database, and it cannot be reached now. Try again when the status bar says it is online.</source>
            <translation>切换人员需要连接共享数据库，但现在连不上。等状态栏显示在线后再试。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/person_switch.py" line="57" />
            <source>On the team's database each person signs in with their own login. To work as someone else, start Operator Desk with their login: operator-app --shared-url postgresql://LOGIN@server/database</source>
            <translation>在团队数据库上，每个人都用自己的账号登录。要以其他人的身份工作，请用对方的账号启动私域工作台：operator-app --shared-url postgresql://账号@服务器/数据库</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/person_switch.py" line="74" />
            <location filename="../../operator_app/ui/person_switch.py" line="90" />
            <source>Switch person</source>
            <translation>切换人员</translation>
        </message>
    </context>
    <context>
        <name>PlaceholderPage</name>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="148" />
            <source>This feature will arrive in a later version.</source>
            <translation>此功能将在后续版本提供</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="153" />
            <source>Visible to team leads and admins only.</source>
            <translation>仅组长和管理员可见。</translation>
        </message>
    </context>
    <context>
        <name>PreviewModel</name>
        <message>
            <location filename="../../operator_app/ui/import_models.py" line="112" />
            <source>OK</source>
            <translation>可以导入</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_models.py" line="133" />
            <source>Check</source>
            <translation>检查结果</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_models.py" line="140" />
            <source>Imported as {field}</source>
            <translation>导入为“{field}”</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_models.py" line="141" />
            <source>Not imported</source>
            <translation>不导入</translation>
        </message>
    </context>
    <context>
        <name>QueueModel</name>
        <message>
            <location filename="../../operator_app/ui/queue_model.py" line="153" />
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_model.py" line="154" />
            <source>Phone</source>
            <translation>手机号</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_model.py" line="155" />
            <source>Hook</source>
            <translation>钩子</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_model.py" line="156" />
            <source>Due</source>
            <translation>跟进时间</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_model.py" line="157" />
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_model.py" line="158" />
            <source>Expected reply</source>
            <translation>预计回复率</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_model.py" line="159" />
            <source>Last contact</source>
            <translation>上次联系</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_model.py" line="160" />
            <source>Stage</source>
            <translation>阶段</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_model.py" line="219" />
            <source>Nothing open</source>
            <translation>暂无钩子</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/queue_model.py" line="237" />
            <source>Replies seen for this hook: %n contact(s) measured</source>
            <translation>
                <numerusform>这个钩子的回复率：基于 %n 次联系</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_model.py" line="368" />
            <source>{rate}% (prior)</source>
            <translation>{rate}%（先验）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_model.py" line="370" />
            <source>too few sends (n={n})</source>
            <translation>样本不足（n={n}）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_model.py" line="371" />
            <source>{rate}% (n={n})</source>
            <translation>{rate}%（n={n}）</translation>
        </message>
    </context>
    <context>
        <name>QueuePanel</name>
        <message>
            <location filename="../../operator_app/ui/queue_panel.py" line="71" />
            <source>Overdue</source>
            <translation>逾期</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_panel.py" line="72" />
            <source>Due today</source>
            <translation>今日待办</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_panel.py" line="73" />
            <source>Done today</source>
            <translation>今日已完成</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_panel.py" line="81" />
            <source>Name or last digits of the phone</source>
            <translation>搜索姓名或手机尾号</translation>
        </message>
        <message>
            <source>Search the queue (Ctrl+F); Esc returns to the list</source>
            <translation type="vanished">搜索队列（Ctrl+F）；按 Esc 回到列表</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_panel.py" line="84" />
            <source>Search all your customers (Ctrl+F); Esc returns to the list</source>
            <translation>在全部客户中搜索（Ctrl+F）；按 Esc 回到列表</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_panel.py" line="86" />
            <source>All hooks</source>
            <translation>全部钩子</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_panel.py" line="87" />
            <source>All stages</source>
            <translation>全部阶段</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_panel.py" line="88" />
            <source>All tags</source>
            <translation>全部标签</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_panel.py" line="89" />
            <source>All channels</source>
            <translation>全部渠道</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_panel.py" line="126" />
            <source>Today</source>
            <translation>今日</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_panel.py" line="127" />
            <source>Today's work: overdue and due before the day ends</source>
            <translation>今日待办：已逾期和今天到期的客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_panel.py" line="132" />
            <source>Later</source>
            <translation>以后</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_panel.py" line="133" />
            <source>Customers scheduled after today</source>
            <translation>今天以后才需要跟进的客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_panel.py" line="138" />
            <source>All</source>
            <translation>全部</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_panel.py" line="139" />
            <source>Every customer, also those with nothing open</source>
            <translation>全部客户，包括暂无待跟进事项的</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/queue_panel.py" line="163" />
            <source>Today's queue</source>
            <translation>今日队列</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/queue_panel.py" line="273" />
            <source>%n customer(s)</source>
            <translation>
                <numerusform>共 %n 位客户</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/queue_panel.py" line="276" />
            <source>{shown} of %n customer(s)</source>
            <translation>
                <numerusform>显示 {shown} / 共 %n 位客户</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReassignDialog</name>
        <message>
            <location filename="../../operator_app/ui/leads_dialogs.py" line="54" />
            <source>Reassign customers</source>
            <translation>转给同事</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_dialogs.py" line="57" />
            <source>Give the %n selected customer(s) to:</source>
            <translation>
                <numerusform>把选中的 %n 位客户转给：</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_dialogs.py" line="60" />
            <source>Receiving operator</source>
            <translation>接手员工</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_dialogs.py" line="63" />
            <source>Their history goes with them. A pending friend request does not: the new owner sends their own.</source>
            <translation>客户的跟进记录随客户一起转移；未通过的好友申请不会转移，需由新负责人重新添加。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_dialogs.py" line="72" />
            <source>Reassign</source>
            <translation>转给</translation>
        </message>
    </context>
    <context>
        <name>RecycleModel</name>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="249" />
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="250" />
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="251" />
            <source>Time left</source>
            <translation>剩余时间</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="252" />
            <source>Returns to the pool</source>
            <translation>回收时间</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="253" />
            <source>Why</source>
            <translation>原因</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="320" />
            <source>Due: returns at the next check</source>
            <translation>已到期，下次检查时回收</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="324" />
            <source>{days} d {hours} h left</source>
            <translation>还剩 {days} 天 {hours} 小时</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="326" />
            <source>{hours} h {minutes} min left</source>
            <translation>还剩 {hours} 小时 {minutes} 分</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="327" />
            <source>{minutes} min left</source>
            <translation>还剩 {minutes} 分钟</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="333" />
            <source>Friend request sent {sent} not accepted, no follow-up logged since</source>
            <translation>好友申请 {sent} 发出后未通过，之后没有跟进记录</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/leads_models.py" line="335" />
            <source>Friend request sent {sent} not accepted; last follow-up {last}</source>
            <translation>好友申请 {sent} 发出后未通过，最后跟进 {last}</translation>
        </message>
    </context>
    <context>
        <name>RecyclePanel</name>
        <message>
            <location filename="../../operator_app/ui/leads_recycle.py" line="55" />
            <source>Returning to the pool soon</source>
            <translation>即将回收到公海的客户</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/leads_recycle.py" line="81" />
            <source>A customer whose friend request is still pending goes back to the pool %n day(s) after the request or the owner's last follow-up; logging a follow-up restarts the countdown. Checked hourly while a team lead's app is open.</source>
            <translation>
                <numerusform>好友申请一直未通过的客户，在申请或负责人最后一次跟进 %n 天后回收到公海；记录一次跟进即可重新计时。组长的工作台开着时每小时检查一次。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Reminders</name>
        <message>
            <location filename="../../operator_app/ui/reminders.py" line="50" />
            <source>Operator Desk</source>
            <translation>私域工作台</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/reminders.py" line="114" />
            <source>{title}: {text}</source>
            <translation>{title}：{text}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/reminders.py" line="121" />
            <source>Coupon reminder: {name}</source>
            <translation>优惠券提醒：{name}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/reminders.py" line="123" />
            <source>Follow-up due: {name}</source>
            <translation>该跟进了：{name}</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/reminders.py" line="126" />
            <source>%n follow-up(s) came due</source>
            <translation>
                <numerusform>%n 位客户该跟进了</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/reminders.py" line="128" />
            <source>{names} and %n more</source>
            <translation>
                <numerusform>{names} 等另外 %n 位</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/reminders.py" line="129" />
            <source>{names}. Click to open the first.</source>
            <translation>{names}。点击打开第一位。</translation>
        </message>
    </context>
    <context>
        <name>ResultStep</name>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="412" />
            <source>Cancel import</source>
            <translation>取消导入</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="423" />
            <source>&amp;Save rows to fix…</source>
            <translation>保存需要修改的行(&amp;S)…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="424" />
            <source>Import &amp;another file</source>
            <translation>再导入一个文件(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="440" />
            <source>Importing…</source>
            <translation>正在导入…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="442" />
            <source>Writing… %p%</source>
            <translation>正在写入… %p%</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="459" />
            <source>Cancelling…</source>
            <translation>正在取消…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="470" />
            <source>Import finished</source>
            <translation>导入完成</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="476" />
            <source>Everything above is in the shared database. Operators see their new customers after their next sync.</source>
            <translation>以上内容已全部写入共享数据库。运营下次同步后就能看到分给自己的新客户。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="481" />
            <source>Everything above is in the shared database. Scripts fill in the coupons, and coupon reminders come due, after each operator's next sync.</source>
            <translation>以上内容已写入共享数据库。各运营下次同步后，话术会填入优惠券，到期提醒也会按时出现。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="486" />
            <source>Everything above is in the shared database. The suggested hooks follow the orders after each operator's next sync.</source>
            <translation>以上内容已全部写入共享数据库。各位运营下次同步后，建议的钩子会按这些订单更新。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="497" />
            <source>The rows to fix are saved in {path}, with the reason in the last column. Correct them and import that file.</source>
            <translation>需要修改的行已保存到 {path}，最后一列是原因。改好后导入这个文件即可。</translation>
        </message>
    </context>
    <context>
        <name>Roles</name>
        <message>
            <location filename="../../operator_app/ui/labels.py" line="13" />
            <source>Operator</source>
            <translation>运营</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/labels.py" line="14" />
            <source>Team lead</source>
            <translation>组长</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/labels.py" line="15" />
            <source>Admin</source>
            <translation>管理员</translation>
        </message>
    </context>
    <context>
        <name>SalesBreakdownModel</name>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="93" />
            <source>Factor</source>
            <translation>因素</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="94" />
            <source>This period</source>
            <translation>本期</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="95" />
            <source>Previous period</source>
            <translation>上期</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="95" />
            <source>The period of equal length just before.</source>
            <translation>紧挨着本期、长度相同的前一段时间。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="96" />
            <source>Change</source>
            <translation>变化</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="96" />
            <source>Relative change against the previous period.</source>
            <translation>相对上期的变化幅度。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="98" />
            <source>Contribution</source>
            <translation>贡献</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="100" />
            <source>The factor's share of the change in sales (log-mean Divisia index): the contributions add up exactly to the change.</source>
            <translation>该因素对销售额变化的贡献（对数平均迪氏指数）：各项贡献之和正好等于总变化。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_breakdown.py" line="136" />
            <source>Contributed most to the change.</source>
            <translation>对变化贡献最大。</translation>
        </message>
        <message>
            <source>Moved most of the inputs.</source>
            <translation type="vanished">各项因素中变化最大的一项。</translation>
        </message>
    </context>
    <context>
        <name>ScopeDetail</name>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="36" />
            <source>Packages</source>
            <translation>包裹</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="37" />
            <source>Friends added</source>
            <translation>加好友</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="38" />
            <source>First order</source>
            <translation>首单</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="39" />
            <source>Personal WeChat</source>
            <translation>入个微</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="40" />
            <source>Group</source>
            <translation>入群</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="41" />
            <source>Repurchase</source>
            <translation>复购</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="104" />
            <source>Entry channel</source>
            <translation>来源渠道</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="108" />
            <source>Funnel</source>
            <translation>漏斗</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="151" />
            <source>Script lines</source>
            <translation>话术逐句</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="152" />
            <source>Hooks</source>
            <translation>钩子</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="153" />
            <source>Daily trend</source>
            <translation>每日趋势</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="154" />
            <source>Sales breakdown</source>
            <translation>销售拆解</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="172" />
            <source>New friends</source>
            <translation>新好友</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="173" />
            <source>Orders</source>
            <translation>订单</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="182" />
            <source>All channels</source>
            <translation>全部渠道</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="217" />
            <source>starts at the packages sent</source>
            <translation>从寄出的包裹开始</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="219" />
            <source>starts at the friends added (these customers added us themselves)</source>
            <translation>从加好友开始（这些客户是自己加我们的）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="223" />
            <source>Customers who arrived in the period, followed to today; each step counts only those who passed the step before, its rate is over that step. This funnel {start}.</source>
            <translation>本时段新来的客户，跟踪至今；每一步只计通过上一步的客户，比率以上一步为基数。此漏斗{start}。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="230" />
            <source>Of the first-order customers: {wechat} added the personal WeChat ({wechat_rate}), {grp} joined the group ({grp_rate}).</source>
            <translation>首单客户中：{wechat} 人加了个微（{wechat_rate}），{grp} 人入群（{grp_rate}）。</translation>
        </message>
        <message>
            <source>Customers who arrived in the period, followed to today; each step counts only those who passed the step before, its rate is over that step. This funnel {start}. Of the first-order customers, {wechat} added the personal WeChat ({wechat_rate}) and {grp} joined the group ({grp_rate}).</source>
            <translation type="vanished">本时段新来的客户，跟踪至今；每一步只计通过上一步的客户，比率以上一步为基数。此漏斗{start}。首单客户中，{wechat} 人加了个微（{wechat_rate}），{grp} 人入群（{grp_rate}）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="265" />
            <source>The line: {text}</source>
            <translation>原句：{text}</translation>
        </message>
        <message>
            <source>Customers who arrived in the period. Friend-add rate: package-card friends ÷ packages ({package} of them); {other} friends came from other channels (store QR code, live streams, posters) and enter at this step. From the first order on, each rate is a share of the first-order customers.</source>
            <translation type="vanished">本时段新进的客户。吸粉率 = 包裹卡客户中加了好友的（{package} 人）÷ 包裹数；另有 {other} 位好友来自其他渠道（门店活码、直播、裂变海报），从“加好友”这一步进入。从首单开始，各步比率都以首单客户为基数。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="244" />
            <source>No line is clearly worse than the others (lines need 30 sends to be judged).</source>
            <translation>没有哪一句明显比其他句子差（每句发送满 30 人才判断）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_detail.py" line="255" />
            <source>Customers stop most after “{title}” line {n}: {rate} replied, {stopped} of {sent} customers stopped there.</source>
            <translation>客户最常停在“{title}”第 {n} 句：回复率 {rate}，{sent} 人中有 {stopped} 人停在这里。</translation>
        </message>
    </context>
    <context>
        <name>ScriptLineRow</name>
        <message>
            <location filename="../../operator_app/ui/script_lines.py" line="83" />
            <source>Pick this line: Alt+{n}</source>
            <translation>选中这句：Alt+{n}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_lines.py" line="95" />
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_lines.py" line="96" />
            <source>Copy this line and record it as sent (Ctrl+C)</source>
            <translation>复制这句并记为已发送（Ctrl+C）</translation>
        </message>
    </context>
    <context>
        <name>ScriptLinesModel</name>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="376" />
            <source>Script / line</source>
            <translation>话术 / 句子</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="378" />
            <source>Sent</source>
            <translation>发送</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="379" />
            <source>Customers sent this line (twice to the same customer is once).</source>
            <translation>收到这一句的客户数（同一客户发两次只算一次）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="381" />
            <source>Replied</source>
            <translation>回复</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="381" />
            <source>Of those, customers who replied before the next line.</source>
            <translation>其中在下一句之前回复的客户数。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="383" />
            <source>Reply rate</source>
            <translation>回复率</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="384" />
            <source>Replied ÷ sent, with its 95% Wilson interval in the tooltip.</source>
            <translation>回复 ÷ 发送；鼠标悬停可看 95% 置信区间（Wilson 法）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="387" />
            <source>Stopped here</source>
            <translation>停在此句</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="389" />
            <source>Customers who answered the line before, got this one, and never replied to it or any later line.</source>
            <translation>回复了上一句、收到这一句，之后这一句和后面各句都没再回复的客户数。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="393" />
            <source>Drop-off</source>
            <translation>流失率</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="393" />
            <source>Stopped here ÷ sent.</source>
            <translation>停在此句 ÷ 发送。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="395" />
            <source>Verdict</source>
            <translation>判断</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="397" />
            <source>Judged only from 30 sends. Clearly low: even the top of the 95% interval is 10 points under the other lines.</source>
            <translation>发送满 30 人才判断。明显偏低：回复率 95% 置信区间的上限也比其他句子低 10 个百分点以上。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="412" />
            <source>others {n}</source>
            <translation>其他 {n}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="413" />
            <source>Sent by: {names}</source>
            <translation>发送人：{names}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="416" />
            <source>Line {n}: {text}</source>
            <translation>第 {n} 句：{text}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="422" />
            <source>95% interval of the reply rate: {low}–{high}</source>
            <translation>回复率 95% 置信区间：{low}–{high}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="453" />
            <source>{title} ({hook})</source>
            <translation>{title}（{hook}）</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/performance_models.py" line="459" />
            <source>%n finished (%1)</source>
            <translation>
                <numerusform>走完 %n 人（%1）</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_models.py" line="466" />
            <source>{started} customers got the first line; {completed} replied to the last one.</source>
            <translation>{started} 位客户收到第一句，{completed} 位回复了最后一句。</translation>
        </message>
    </context>
    <context>
        <name>ScriptPanel</name>
        <message>
            <location filename="../../operator_app/ui/script_panel.py" line="68" />
            <source>Search scripts: title, text, purpose…</source>
            <translation>搜索话术：标题、内容、目的…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_panel.py" line="70" />
            <source>All hooks</source>
            <translation>全部钩子</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_panel.py" line="72" />
            <source>List the templates of every hook, not only the suggested one</source>
            <translation>列出所有钩子的话术，而不只是建议的那个</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_panel.py" line="79" />
            <source>Custom message…</source>
            <translation>自定义消息…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_panel.py" line="80" />
            <source>Log a message you wrote yourself (Ctrl+M)</source>
            <translation>记录一条你自己写的消息（Ctrl+M）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_panel.py" line="82" />
            <source>Give coupon…</source>
            <translation>发优惠券…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_panel.py" line="85" />
            <source>This script needs a coupon: record the one you give the customer</source>
            <translation>这段话术需要优惠券：记录你发给客户的优惠券</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_panel.py" line="109" />
            <source>Scripts</source>
            <translation>话术</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_panel.py" line="198" />
            <source>Choose a customer and a script line first.</source>
            <translation>请先选择客户和一句话术。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_panel.py" line="202" />
            <source>One moment: this customer's details are still loading.</source>
            <translation>请稍候：这位客户的资料还在加载。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_panel.py" line="210" />
            <source>Line {n} has a broken placeholder, so nothing was copied. Ask your team lead to fix this script.</source>
            <translation>第 {n} 句有错误的占位符，没有复制。请让组长修改这条话术。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_panel.py" line="226" />
            <source>Line {n} needs {names}, so nothing was copied. Give the customer a coupon first (Space), then copy again.</source>
            <translation>第 {n} 句需要{names}，所以没有复制。请先给客户发优惠券（按空格），再复制。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_panel.py" line="235" />
            <source>Line {n} needs {names}, which this customer does not have, so nothing was copied. Write it as a custom message instead.</source>
            <translation>第 {n} 句需要{names}，这位客户没有，所以没有复制。请改用“自定义消息”自己写。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_panel.py" line="242" />
            <source>Copied line {n}.</source>
            <translation>已复制第 {n} 句。</translation>
        </message>
    </context>
    <context>
        <name>ScriptsPage</name>
        <message>
            <location filename="../../operator_app/ui/scripts_page.py" line="22" />
            <source>Script library</source>
            <translation>话术库</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/scripts_page.py" line="26" />
            <source>Every script of your team. Placeholders such as the customer's name are filled in on the Today page, where you copy the lines.</source>
            <translation>团队的全部话术。客户称呼等占位内容会在“今日”页自动填好，在那里复制发送。</translation>
        </message>
    </context>
    <context>
        <name>ShareStep</name>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="256" />
            <source>Operators who share the new customers</source>
            <translation>分配新客户的运营</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="263" />
            <source>Select &amp;all</source>
            <translation>全选(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="264" />
            <source>Select n&amp;one</source>
            <translation>全不选(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="273" />
            <source>&amp;Create customers for unknown buyers (unassigned, in the pool)</source>
            <translation>为未知买家新建客户（未分配，进入公海）(&amp;C)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="278" />
            <source>What the import will do</source>
            <translation>导入后的结果</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/import_steps.py" line="329" />
            <source>%n new customer(s): {shared} shared among the ticked operators, {pool} left in the pool.</source>
            <translation>
                <numerusform>共 %n 位新客户：{shared} 位平均分给勾选的运营，{pool} 位留在公海。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/import_steps.py" line="336" />
            <source>%n new customer(s): {by_file} by the file's owner column, {shared} shared among the ticked operators, {pool} left in the pool.</source>
            <translation>
                <numerusform>共 %n 位新客户：{by_file} 位按文件的负责人列分配，{shared} 位平均分给勾选的运营，{pool} 位留在公海。</numerusform>
            </translation>
        </message>
        <message>
            <source>, </source>
            <translation type="vanished">、</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="347" />
            <source>{name} ({rows})</source>
            <translation>{name}（{rows} 行）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="351" />
            <source>These owners in the file are not active operators of the team; their customers are shared out as above: {names}</source>
            <translation>文件中的这些负责人不是本组在职运营，他们的客户按上面的方式分配：{names}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="380" />
            <source>Tick the operators who share the new customers, by capacity. Rows whose owner column names an operator of the team go to that operator. With nobody ticked, the rest stay in the pool.</source>
            <translation>勾选分配新客户的运营，按各自的可服务客户数平均分配。文件负责人列写明本组运营的，直接分给该运营；一个都不勾选时，其余客户留在公海。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="388" />
            <source>Coupons are matched to customers by phone, or by the order they came with. Coupons of people who are not customers are left out. Each customer's owner sees the coupon, and the reminder before it expires, after their next sync.</source>
            <translation>优惠券按手机号或所属订单匹配到客户；不是客户的人的优惠券不导入。客户的负责人下次同步后就能看到优惠券，到期前也会收到提醒。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_steps.py" line="397" />
            <source>Orders are matched to customers by the buyer's phone. Orders from buyers who are not customers yet are left out, unless you create them as new customers in the pool.</source>
            <translation>订单按买家手机号对应到客户。买家还不是客户的订单不会导入，除非勾选下面的选项，把这些买家新建为公海客户。</translation>
        </message>
    </context>
    <context>
        <name>ShellStatusBar</name>
        <message>
            <location filename="../../operator_app/ui/status.py" line="46" />
            <source>Demo data</source>
            <translation>演示数据</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="48" />
            <source>This is a made-up demo team: none of these customers are real.</source>
            <translation>这是虚构的演示团队，其中的客户都不是真实客户。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="67" />
            <source>Shared database: built-in (this PC)</source>
            <translation>共享数据库：内置数据库（本机）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="71" />
            <source>Shared database: online (SQLite file)</source>
            <translation>共享数据库：在线（SQLite 文件）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="73" />
            <source>Shared database: online</source>
            <translation>共享数据库：在线</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="77" />
            <source>Shared database: offline</source>
            <translation>共享数据库：离线</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="79" />
            <source>Shared database: offline — {reason}</source>
            <translation>共享数据库：离线 — {reason}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="84" />
            <source>A shared SQLite file serves one PC only. For a team working together, ask your admin to set up a PostgreSQL shared database.</source>
            <translation>共享的 SQLite 文件只适合一台电脑使用。团队多人协作时，请让管理员配置 PostgreSQL 共享数据库。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="94" />
            <source>This PC only · no per-person security</source>
            <translation>仅限本机 · 无按人权限</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="99" />
            <source>It has no per-person security: whoever uses this PC can see every customer in it.</source>
            <translation>它没有按人区分的权限：使用这台电脑的人都能看到其中的全部客户。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="119" />
            <source>Sync: off</source>
            <translation>同步：未开启</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="121" />
            <source>Sync starts once your customers are on this PC (choose who you are).</source>
            <translation>选择你是谁、把你的客户载入这台电脑后，同步就会开始。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="129" />
            <source>Sync now: {keys}</source>
            <translation>立即同步：{keys}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="144" />
            <source>Sync: starting…</source>
            <translation>同步：准备中…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="146" />
            <source>Syncing…</source>
            <translation>同步中…</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/status.py" line="150" />
            <source>Synced {time} · %n waiting</source>
            <translation>
                <numerusform>已同步 {time} · 待同步 %n 条</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="151" />
            <source>Synced {time}</source>
            <translation>已同步 {time}</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/status.py" line="153" />
            <source>Offline — %n waiting to sync</source>
            <translation>
                <numerusform>离线 — 待同步 %n 条</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/status.py" line="155" />
            <source>Sync paused — %n waiting</source>
            <translation>
                <numerusform>同步已暂停 — 待同步 %n 条</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/status.py" line="156" />
            <source>Sync failed — %n waiting</source>
            <translation>
                <numerusform>同步出错 — 待同步 %n 条</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="167" />
            <source>Sync stopped on an error inside Operator Desk (a bug); the details are in the log. Your work stays on this PC.</source>
            <translation>同步因 Operator Desk 内部错误（程序缺陷）而停止，详情已写入日志。你的记录仍保存在这台电脑上。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="173" />
            <source>Last synced: {when}</source>
            <translation>上次同步：{when}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="176" />
            <source>Not synced yet.</source>
            <translation>尚未同步。</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/status.py" line="180" />
            <source>%n record(s) of your work wait on this PC; they are sent when the shared database can be reached.</source>
            <translation>
                <numerusform>本机有 %n 条记录等待同步，能连上共享数据库时会自动发送。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="187" />
            <source>Next try: {time}</source>
            <translation>下次尝试：{time}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="191" />
            <source>Your work is sent and your colleagues' changes are fetched every minute, and a few seconds after each change you make.</source>
            <translation>每分钟发送你的记录并取回同事的更改；你每次修改后几秒钟也会同步一次。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="200" />
            <source>Signed in: {name} ({role})</source>
            <translation>当前人员：{name}（{role}）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="205" />
            <source>Signed in: {login}</source>
            <translation>当前人员：{login}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="207" />
            <source>Signed in: nobody</source>
            <translation>当前人员：未选择</translation>
        </message>
    </context>
    <context>
        <name>ShortcutModel</name>
        <message>
            <location filename="../../operator_app/ui/shortcut_sheet.py" line="158" />
            <source>Where</source>
            <translation>位置</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/shortcut_sheet.py" line="158" />
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/shortcut_sheet.py" line="158" />
            <source>Keys</source>
            <translation>按键</translation>
        </message>
    </context>
    <context>
        <name>ShortcutSheet</name>
        <message>
            <location filename="../../operator_app/ui/shortcut_sheet.py" line="168" />
            <location filename="../../operator_app/ui/shortcut_sheet.py" line="181" />
            <source>Keyboard shortcuts</source>
            <translation>快捷键一览</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/shortcut_sheet.py" line="176" />
            <source>Search actions or keys</source>
            <translation>搜索操作或按键</translation>
        </message>
    </context>
    <context>
        <name>StartupFlow</name>
        <message>
            <location filename="../../operator_app/ui/startup.py" line="242" />
            <source>Preparing the demo team (made-up customers) on this PC…</source>
            <translation>正在本机生成演示团队（虚构的客户）…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/startup.py" line="251" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/startup.py" line="255" />
            <source>Operator Desk</source>
            <translation>私域工作台</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/startup.py" line="360" />
            <source>Loading your customers…</source>
            <translation>正在加载你的客户…</translation>
        </message>
    </context>
    <context>
        <name>SummaryModel</name>
        <message>
            <location filename="../../operator_app/ui/import_models.py" line="301" />
            <source>Item</source>
            <translation>项目</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_models.py" line="301" />
            <source>Rows</source>
            <translation>数量</translation>
        </message>
    </context>
    <context>
        <name>SummaryTexts</name>
        <message>
            <location filename="../../operator_app/ui/performance_summary.py" line="29" />
            <source>Sales {sales} ({orders} orders placed in the period{whose}).</source>
            <translation>销售额 {sales}（本时段下单 {orders} 笔{whose}）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_summary.py" line="32" />
            <source>, the operators' total</source>
            <translation>，各运营合计</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_summary.py" line="41" />
            <source>Customers who arrived in the period bought {sales} so far ({change} against the previous period's new customers).</source>
            <translation>本时段新客至今消费 {sales}（较上期新客 {change}）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_summary.py" line="46" />
            <source>The previous period had no new customers to compare with.</source>
            <translation>上一时段没有新客户可供对比。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_summary.py" line="50" />
            <source>Moved it most: {factor} {change} ({contribution} of {total}).</source>
            <translation>影响最大：{factor} {change}（贡献 {contribution}，总变化 {total}）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/performance_summary.py" line="66" />
            <source>Not in any operator's row (the unassigned pool, people no longer in the team): {leads} new leads, {orders} orders, {revenue}, {messages} messages, {contacted} customers contacted.</source>
            <translation>不在任何运营行内（未分配池、已不在团队的人）：新线索 {leads} 条，订单 {orders} 笔，{revenue}，消息 {messages} 条，触达客户 {contacted} 位。</translation>
        </message>
        <message>
            <source>Not in any operator's row (the unassigned pool, people no longer in the team): {leads} new leads, {orders} orders, {revenue}, {messages} messages.</source>
            <translation type="vanished">不在任何运营行内（未分配池、已不在团队的人）：新线索 {leads} 条，订单 {orders} 笔，{revenue}，消息 {messages} 条。</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/performance_summary.py" line="81" />
            <source>%n customer(s) were contacted by more than one person (moved mid-period or covered for a colleague): each row counts them, the team once.</source>
            <translation>
                <numerusform>%n 位客户被不止一人触达（期间转手或代班）：每行各计一次，团队只计一次。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/performance_summary.py" line="91" />
            <source>%n customer(s) moved between operators in the period; their {orders} orders in it ({revenue}) count for who serves them now.</source>
            <translation>
                <numerusform>本时段有 %n 位客户在运营之间转移；他们期间的 {orders} 笔订单（{revenue}）计入现负责人名下。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TagRow</name>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="81" />
            <source>+ Tag</source>
            <translation>+ 标签</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="106" />
            <source>Add a tag: pick one of the team's tags or type a new one, then press Enter ({keys}). At most {limit} characters.</source>
            <translation>添加标签：从团队标签中选择或输入新标签，按回车确认（{keys}）。最多 {limit} 个字。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="144" />
            <source>Rule tag: set automatically by a team rule, not by hand.</source>
            <translation>规则标签：由团队规则自动打上，不能手动修改。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/lead_detail.py" line="150" />
            <location filename="../../operator_app/ui/lead_detail.py" line="151" />
            <source>Remove the tag “{name}”</source>
            <translation>移除标签“{name}”</translation>
        </message>
    </context>
    <context>
        <name>TeamDayModel</name>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="101" />
            <source>Team total</source>
            <translation>全组合计</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="116" />
            <source>Operator</source>
            <translation>运营</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="117" />
            <source>Overdue</source>
            <translation>逾期</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="118" />
            <source>Due today</source>
            <translation>今日待办</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="119" />
            <source>Done today</source>
            <translation>今日已处理</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="120" />
            <source>Customers</source>
            <translation>客户数</translation>
        </message>
    </context>
    <context>
        <name>TeamDayView</name>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="163" />
            <source>The team today</source>
            <translation>团队今日</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="165" />
            <source>My customers</source>
            <translation>我的客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="166" />
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="171" />
            <source>Counted as each operator's own Today counts them: overdue, and due before the end of today.</source>
            <translation>与每位运营自己的「今日」算法一致：已逾期，加上今天结束前到期的。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="179" />
            <source>See the pool</source>
            <translation>查看公海</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="181" />
            <source>See who goes back soon</source>
            <translation>查看即将退回的客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="184" />
            <source>Pool</source>
            <translation>公海</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="185" />
            <source>Returning to the pool soon</source>
            <translation>即将退回公海</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="186" />
            <source>Last import</source>
            <translation>最近导入</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="194" />
            <source>Each operator's work today</source>
            <translation>每位运营的今日工作</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="257" />
            <source>Counting the team's day…</source>
            <translation>正在统计团队今日…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="268" />
            <source>As of {time}</source>
            <translation>{time} 更新</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="285" />
            <source>The team's day could not be counted.</source>
            <translation>无法统计团队今日。</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/team_day_view.py" line="296" />
            <source>%n customer(s) in the pool (公海), waiting for an owner.</source>
            <translation>
                <numerusform>公海中有 %n 位客户等待分配。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/team_day_view.py" line="301" />
            <source>%n customer(s) go back to the pool within {hours} hours: their friend request is still not accepted.</source>
            <translation>
                <numerusform>%n 位客户的好友申请仍未通过，将在 {hours} 小时内退回公海。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="312" />
            <source>No customers imported yet.</source>
            <translation>还没有导入过客户。</translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/team_day_view.py" line="316" />
            <source>Last import {when} by {name}: %n customer(s) given to {people} operator(s).</source>
            <translation>
                <numerusform>最近导入：{when}，由{name}导入，%n 位客户分给 {people} 位运营。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../operator_app/ui/team_day_view.py" line="321" />
            <source>Last import {when}: %n customer(s) given to {people} operator(s).</source>
            <translation>
                <numerusform>最近导入：{when}，%n 位客户分给 {people} 位运营。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TeamTodayPage</name>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="332" />
            <source>My customers</source>
            <translation>我的客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="338" />
            <source>Switch between the team's day and my customers ({keys})</source>
            <translation>在团队今日与我的客户之间切换（{keys}）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/team_day_view.py" line="343" />
            <source>← The team today</source>
            <translation>← 团队今日</translation>
        </message>
    </context>
    <context>
        <name>TemplateBody</name>
        <message>
            <location filename="../../operator_app/ui/script_lines.py" line="206" />
            <source>No script for this filter.</source>
            <translation>没有符合条件的话术。</translation>
        </message>
    </context>
    <context>
        <name>TemplateListModel</name>
        <message>
            <location filename="../../operator_app/ui/template_list_model.py" line="60" />
            <source>{hook} · {title}</source>
            <translation>{hook} · {title}</translation>
        </message>
    </context>
    <context>
        <name>TemplateSaver</name>
        <message>
            <location filename="../../operator_app/ui/import_template.py" line="48" />
            <source>Save the import template</source>
            <translation>保存导入模板</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_template.py" line="50" />
            <source>Excel workbook (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/import_template.py" line="72" />
            <source>The template could not be saved ({name}).</source>
            <translation>模板无法保存（{name}）。</translation>
        </message>
    </context>
    <context>
        <name>ThreeQuestions</name>
        <message>
            <location filename="../../operator_app/ui/script_lines.py" line="128" />
            <source>Purpose</source>
            <translation>目的</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_lines.py" line="129" />
            <source>What the customer will think</source>
            <translation>客户会怎么想</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_lines.py" line="130" />
            <source>Reply you want</source>
            <translation>希望客户回复什么</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/script_lines.py" line="145" />
            <source>(not written yet)</source>
            <translation>（还没写）</translation>
        </message>
    </context>
    <context>
        <name>TimePhrases</name>
        <message>
            <location filename="../../operator_app/ui/phrases.py" line="57" />
            <source>Overdue %n min</source>
            <translation>逾期 %n 分钟</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/phrases.py" line="59" />
            <source>Overdue %n hour(s)</source>
            <translation>逾期 %n 小时</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/phrases.py" line="60" />
            <source>Overdue %n day(s)</source>
            <translation>逾期 %n 天</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/phrases.py" line="70" />
            <source>Due now</source>
            <translation>待办</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/phrases.py" line="74" />
            <source>Today {time}</source>
            <translation>今天 {time}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/phrases.py" line="76" />
            <source>Tomorrow {time}</source>
            <translation>明天 {time}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/phrases.py" line="83" />
            <source>{month}/{day} {time}</source>
            <translation>{month}月{day}日 {time}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/phrases.py" line="101" />
            <source>Never contacted</source>
            <translation>从未联系</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/phrases.py" line="104" />
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/phrases.py" line="106" />
            <source>Yesterday</source>
            <translation>昨天</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/phrases.py" line="107" />
            <source>%n day(s) ago</source>
            <translation>%n 天前</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/phrases.py" line="118" />
            <source>, </source>
            <translation>、</translation>
        </message>
    </context>
    <context>
        <name>TimelineModel</name>
        <message>
            <location filename="../../operator_app/ui/detail_models.py" line="115" />
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/detail_models.py" line="119" />
            <source>What</source>
            <translation>事件</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/detail_models.py" line="120" />
            <source>Detail</source>
            <translation>详情</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/detail_models.py" line="121" />
            <source>By</source>
            <translation>操作人</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/detail_models.py" line="126" />
            <source>Unreadable entry</source>
            <translation>无法识别的记录</translation>
        </message>
    </context>
    <context>
        <name>TodayActions</name>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="30" />
            <source>Replied</source>
            <translation>已回复</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="31" />
            <source>No reply</source>
            <translation>未回复</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="32" />
            <source>Ordered</source>
            <translation>已下单</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="33" />
            <source>Added WeChat</source>
            <translation>已加个微</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="34" />
            <source>Joined group</source>
            <translation>已进群</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="35" />
            <source>Opted out…</source>
            <translation>拒绝打扰…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="36" />
            <source>Note…</source>
            <translation>备注…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="39" />
            <source>Friend request sent</source>
            <translation>已发申请</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="41" />
            <source>Friend accepted</source>
            <translation>好友已通过</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="42" />
            <source>Next customer</source>
            <translation>下一位客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="43" />
            <source>Move down the queue</source>
            <translation>队列下移</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="44" />
            <source>Move up the queue</source>
            <translation>队列上移</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="45" />
            <source>Copy script line</source>
            <translation>复制选中的话术</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="46" />
            <source>Custom message…</source>
            <translation>自定义消息…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="48" />
            <source>Give coupon…</source>
            <translation>发优惠券…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="49" />
            <source>Follow up tomorrow</source>
            <translation>明天跟进</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="50" />
            <source>Search the queue</source>
            <translation>搜索队列</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="52" />
            <source>Pick script line {n}</source>
            <translation>选中第 {n} 句话术</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_actions.py" line="83" />
            <source>{action} ({keys})</source>
            <translation>{action}（{keys}）</translation>
        </message>
    </context>
    <context>
        <name>TodayPage</name>
        <message>
            <location filename="../../operator_app/ui/today_page.py" line="83" />
            <source>Scripts</source>
            <translation>话术</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_page.py" line="437" />
            <source>{name} is no longer on your list</source>
            <translation>{name} 已不在你的名单中</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_page.py" line="443" />
            <source>The customer was moved to a colleague or back to the pool. What you logged before goes with them. Press Ctrl+Enter for the next customer.</source>
            <translation>该客户已转给其他同事或退回公海，之前的记录会随客户一起转过去。按 Ctrl+Enter 查看下一位客户。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_page.py" line="464" />
            <source>{name}: {outcome}</source>
            <translation>已记录 {name}：{outcome}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_page.py" line="471" />
            <source>Opted out</source>
            <translation>拒绝打扰</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_page.py" line="472" />
            <source>Record that {name} does not want to be contacted any more?</source>
            <translation>记录 {name} 不希望再被打扰？</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_page.py" line="476" />
            <source>No hook will suggest contacting this customer again.</source>
            <translation>之后不会再有钩子建议联系这位客户。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_page.py" line="477" />
            <source>Record opt-out</source>
            <translation>记录拒绝打扰</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_page.py" line="490" />
            <source>{name}: friend request sent</source>
            <translation>{name}：已记录好友申请</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_page.py" line="502" />
            <source>{name}: friend accepted</source>
            <translation>{name}：好友已通过</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_page.py" line="510" />
            <source>{name}: tag “{tag}” added</source>
            <translation>{name}：已添加标签“{tag}”</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_page.py" line="510" />
            <source>{name}: tag “{tag}” removed</source>
            <translation>{name}：已移除标签“{tag}”</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/today_page.py" line="531" />
            <source>{name}: next follow-up {when}</source>
            <translation>{name}：下次跟进 {when}</translation>
        </message>
    </context>
    <context>
        <name>_SavingDialog</name>
        <message>
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="71" />
            <source>Save (Ctrl+Enter)</source>
            <translation>保存（Ctrl+Enter）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="117" />
            <source>An unexpected error occurred ({name}).</source>
            <translation>发生了意外错误（{name}）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/custom_message_dialog.py" line="121" />
            <source>Not saved: {reason}
What you typed is still here; try again.</source>
            <translation>没有保存：{reason}
你输入的内容都还在，请再试一次。</translation>
        </message>
    </context>
</TS>
