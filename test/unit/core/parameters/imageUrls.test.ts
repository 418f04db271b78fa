import { parseImageUrls, splitList } from '../../../../nodes/core/parameters/imageUrls';

test('splitList', () => expect(splitList(['a, b', 'c\nd', ''])).toEqual(['a', 'b', 'c', 'd']));

test('parseImageUrls splits on new lines and on commas before a scheme only', () => {
	expect(
		parseImageUrls('https://a.test/x,y.jpg, https://b.test/2.png\nhttp://c.test/3.gif'),
	).toEqual(['https://a.test/x,y.jpg', 'https://b.test/2.png', 'http://c.test/3.gif']);
	expect(parseImageUrls(['data:image/png;base64,iVBORw0KGgo=', ' https://a.test/1.png '])).toEqual([
		'data:image/png;base64,iVBORw0KGgo=',
		'https://a.test/1.png',
	]);
	expect(parseImageUrls(undefined)).toEqual([]);
	expect(() => parseImageUrls('ftp://a.test/x.png')).toThrow('uses ftp:');
	expect(() => parseImageUrls('www.a.test/x.png')).toThrow('is not a URL');
});
