<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
        <name>IdentityHeader</name>
        <message>
            <location filename="../../operator_app/ui/header.py" line="35" />
            <source>{role} · {team} · login {login}</source>
            <translation>{role} · {team} · 账号 {login}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/header.py" line="44" />
            <source>Offline: your name, role and team cannot be read right now.</source>
            <translation>离线：暂时无法读取你的姓名、角色和团队。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/header.py" line="48" />
            <source>No person selected</source>
            <translation>未选择人员</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/header.py" line="50" />
            <source>Nobody has been chosen on this PC yet.</source>
            <translation>这台电脑还没有选择使用者。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/header.py" line="53" />
            <source>The shared database is offline, so the list of people cannot be read. Restart Operator Desk once it is back to choose who you are.</source>
            <translation>共享数据库离线，无法读取人员名单。连接恢复后重新启动私域工作台，即可选择你的账号。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/header.py" line="59" />
            <source>Counting…</source>
            <translation>正在统计…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/header.py" line="64" />
            <source>Shared database — teams: {teams}, people: {people}, leads: {leads}</source>
            <translation>共享数据库：团队 {teams} 个 · 人员 {people} 名 · 线索 {leads} 条</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/header.py" line="71" />
            <source>Counted just now in the shared database, across all teams.</source>
            <translation>刚刚从共享数据库统计，包含所有团队。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/header.py" line="75" />
            <source>Counts unavailable</source>
            <translation>暂时无法统计</translation>
        </message>
    </context>
    <context>
        <name>KnownError</name>
        <message>
            <location filename="../../operator_app/config.py" line="108" />
            <source>The data folder {path} cannot be written ({reason}).</source>
            <translation>无法写入数据文件夹 {path}（{reason}）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/config.py" line="109" />
            <source>Choose another folder with --data-dir, or fix its permissions.</source>
            <translation>请用 --data-dir 指定其他文件夹，或修改该文件夹的权限。</translation>
        </message>
        <message>
            <location filename="../../operator_app/context.py" line="52" />
            <source>The shared database has no Operator Desk tables yet.</source>
            <translation>共享数据库中还没有私域工作台的数据表。</translation>
        </message>
        <message>
            <location filename="../../operator_app/context.py" line="53" />
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
            <location filename="../../operator_app/data/db.py" line="95" />
            <source>Cannot reach the shared database at {where}: {reason}</source>
            <translation>无法连接共享数据库 {where}：{reason}</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/db.py" line="97" />
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
            <location filename="../../operator_app/data/seed.py" line="204" />
            <source>The shared database already holds a team.</source>
            <translation>共享数据库中已经有团队了。</translation>
        </message>
        <message>
            <location filename="../../operator_app/data/seed.py" line="206" />
            <source>Seed the demo into an empty folder (--data-dir), or add --replace.</source>
            <translation>请把演示数据生成到空文件夹中（--data-dir），或加上 --replace。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/startup.py" line="75" />
            <source>The demo database {path} cannot be deleted ({reason}).</source>
            <translation>无法删除演示数据库 {path}（{reason}）。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/startup.py" line="76" />
            <source>Close any other Operator Desk window using the demo and retry.</source>
            <translation>请关闭其他正在使用演示数据的私域工作台窗口，然后重试。</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="96" />
            <source>Pages</source>
            <translation>页面</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="117" />
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="118" />
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="122" />
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="132" />
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="133" />
            <source>&amp;About Operator Desk</source>
            <translation>关于私域工作台(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="147" />
            <source>Operator Desk — demo data</source>
            <translation>私域工作台 — 演示数据</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="149" />
            <source>Operator Desk</source>
            <translation>私域工作台</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="193" />
            <source>About Operator Desk</source>
            <translation>关于私域工作台</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="189" />
            <source>Operator Desk {version}

A desktop workspace for private-domain operators and their team leads: who to contact, why, and what to say.</source>
            <translation>私域工作台 {version}

为私域运营和组长打造的桌面工作台：该联系谁、为什么联系、说什么。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/main_window.py" line="218" />
            <source>An unexpected error occurred.</source>
            <translation>发生了意外错误。</translation>
        </message>
    </context>
    <context>
        <name>OperatorPickerDialog</name>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="109" />
            <source>Who is using this PC?</source>
            <translation>谁在使用这台电脑？</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="121" />
            <source>Search by name or login</source>
            <translation>按姓名或账号搜索</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="128" />
            <source>Use this person</source>
            <translation>使用此账号</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="133" />
            <source>Loading the list of people…</source>
            <translation>正在读取人员名单…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="163" />
            <source>The login '{login}' is not in the shared database. Choose yourself below.</source>
            <translation>共享数据库中没有账号“{login}”，请在下方选择你自己。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="165" />
            <source>Choose yourself below. This PC will remember your choice.</source>
            <translation>请在下方选择你自己，这台电脑会记住你的选择。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="175" />
            <source>There is nobody in the shared database yet. Ask your admin to add your team, or try the demo with: operator-app --demo</source>
            <translation>共享数据库中还没有任何人员。请让管理员添加你的团队，或用 operator-app --demo 试用演示数据。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/operator_picker.py" line="185" />
            <source>The list of people could not be read.</source>
            <translation>无法读取人员名单。</translation>
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
        <name>Pages</name>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="39" />
            <source>Today</source>
            <translation>今日</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="40" />
            <source>Today's to-do list</source>
            <translation>今日待办</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="41" />
            <source>It will list the customers to contact today, each with the hook that gives you a reason, a script to copy, and one click to log what happened.</source>
            <translation>它会列出今天该联系的客户，每位都附上联系的理由（钩子）和可直接复制的话术，沟通结果一键记录。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="51" />
            <source>Leads</source>
            <translation>客户</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="52" />
            <source>Customer list</source>
            <translation>客户列表</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="53" />
            <source>It will list every customer you serve, filter them by stage, tag and channel, and show each customer's contact history.</source>
            <translation>它会列出你负责的全部客户，可按阶段、标签和渠道筛选，并查看每位客户的沟通记录。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="63" />
            <source>Scripts</source>
            <translation>话术</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="64" />
            <source>Script library</source>
            <translation>话术库</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="65" />
            <source>It will show the team's scripts line by line, each with its answers to the three questions (purpose, what the customer will think, the reply you want), ready to copy.</source>
            <translation>它会逐句展示团队的话术，每条话术都附上三问的答案（目的、用户会想什么、希望用户回应什么），方便直接复制。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="76" />
            <source>Performance</source>
            <translation>业绩</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="77" />
            <source>Team performance</source>
            <translation>团队业绩</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="78" />
            <source>It will compare each operator with the team average, show the conversion funnel, and find the script line after which customers stop replying.</source>
            <translation>它会把每位运营与团队平均水平对比，展示转化漏斗，并找出客户在哪一句话术之后不再回复。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="88" />
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="89" />
            <source>Lead import</source>
            <translation>线索导入</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="90" />
            <source>It will import phone numbers in bulk, share them out evenly among operators, and return leads whose friend request was never accepted to the pool.</source>
            <translation>它会批量导入手机号，平均分配给各位运营，并把好友申请长期未通过的线索退回公海重新分配。</translation>
        </message>
    </context>
    <context>
        <name>PlaceholderPage</name>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="136" />
            <source>This feature will arrive in a later version.</source>
            <translation>此功能将在后续版本提供</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/pages.py" line="141" />
            <source>Visible to team leads and admins only.</source>
            <translation>仅组长和管理员可见。</translation>
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
        <name>ShellStatusBar</name>
        <message>
            <location filename="../../operator_app/ui/status.py" line="39" />
            <source>Demo data</source>
            <translation>演示数据</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="41" />
            <source>This is a made-up demo team: none of these customers are real.</source>
            <translation>这是虚构的演示团队，其中的客户都不是真实客户。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="48" />
            <source>Sync: not available yet</source>
            <translation>同步：尚未提供</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="51" />
            <source>Syncing this PC's local cache with the shared database arrives in a later version.</source>
            <translation>本机缓存与共享数据库之间的同步将在后续版本提供。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="59" />
            <source>Shared database: built-in (this PC)</source>
            <translation>共享数据库：内置数据库（本机）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="63" />
            <source>Shared database: online (SQLite file)</source>
            <translation>共享数据库：在线（SQLite 文件）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="65" />
            <source>Shared database: online</source>
            <translation>共享数据库：在线</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="69" />
            <source>Shared database: offline</source>
            <translation>共享数据库：离线</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="71" />
            <source>Shared database: offline — {reason}</source>
            <translation>共享数据库：离线 — {reason}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="76" />
            <source>A shared SQLite file serves one PC only. For a team working together, ask your admin to set up a PostgreSQL shared database.</source>
            <translation>共享的 SQLite 文件只适合一台电脑使用。团队多人协作时，请让管理员配置 PostgreSQL 共享数据库。</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="92" />
            <source>Signed in: {name} ({role})</source>
            <translation>当前人员：{name}（{role}）</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="97" />
            <source>Signed in: {login}</source>
            <translation>当前人员：{login}</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/status.py" line="99" />
            <source>Signed in: nobody</source>
            <translation>当前人员：未选择</translation>
        </message>
    </context>
    <context>
        <name>StartupFlow</name>
        <message>
            <location filename="../../operator_app/ui/startup.py" line="205" />
            <source>Preparing the demo team (made-up customers) on this PC…</source>
            <translation>正在本机生成演示团队（虚构的客户）…</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/startup.py" line="206" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../operator_app/ui/startup.py" line="210" />
            <source>Operator Desk</source>
            <translation>私域工作台</translation>
        </message>
    </context>
</TS>
