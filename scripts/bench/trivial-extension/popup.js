// The least a cookie popup can do: the active tab's cookies, listed by name and value. npm run bench:popup times
// Session Lens's popup against this one, opened the same way on the same tab.
const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
const cookies = await chrome.cookies.getAll({ url: tab.url });
const list = document.getElementById('cookies');
for (const cookie of cookies) {
  const item = document.createElement('li');
  item.textContent = `${cookie.name} = ${cookie.value}`;
  list.append(item);
}
const count = document.getElementById('count');
count.textContent = `${cookies.length} cookies`;
count.dataset.count = String(cookies.length);
